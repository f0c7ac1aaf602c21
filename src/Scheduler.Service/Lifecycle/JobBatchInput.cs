using MassTransit;

namespace Scheduler.Service.Lifecycle;

/// <summary>One input of a batch (see <see cref="JobBatchTransition"/>).</summary>
/// <param name="Context">The message that brought it: its replies and events leave through it.</param>
/// <param name="JobId">The job it is about.</param>
/// <param name="Input">What happens to the job.</param>
/// <param name="Seed">Seeds the decision, the same at every delivery of the message (see <see cref="JobTransition.SeedOf(MassTransit.ConsumeContext)"/>).</param>
public sealed record JobBatchInput(ConsumeContext Context, Guid JobId, JobInput Input, Guid Seed);

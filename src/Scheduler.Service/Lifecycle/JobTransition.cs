using System.Security.Cryptography;
using MassTransit;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// One input applied to one job: what the store knows is read, <see cref="JobDecider"/> decides, and the decision's
/// effects are written in the caller's transaction. The saga and the batch paths go through here alike.
/// </summary>
public sealed class JobTransition(JobFactsReader facts, JobEffectApplier applier, TimeProvider clock)
{
    /// <param name="job">The job as stored (tracked), or null when there is none yet.</param>
    /// <param name="input">What happens to it.</param>
    /// <param name="seed">Seeds the decision's ids and jitter: the id of the message that brought the input, so a redelivery decides alike.</param>
    /// <param name="dueAddress">Where the job's due messages (occurrences, one-shots, retries) come back: <see cref="JobDueDefinition"/>'s queue.</param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <returns>The decision; the stored job already holds its new values, its replies and events are the caller's to send.</returns>
    public async Task<JobDecision> ApplyAsync(JobState? job, JobInput input, Guid seed, Uri dueAddress, CancellationToken cancellationToken)
    {
        var known = await facts.ReadAsync(job, input, cancellationToken);
        var decision = JobDecider.Decide(job, input, known, new DecisionGrounds(clock.GetUtcNow(), seed));
        await applier.ApplyAsync(decision, dueAddress, cancellationToken);
        if (job is not null && decision.Status is not null)
            job.CopyFrom(decision.Job);
        return decision;
    }

    /// <summary>The seed of a decision on a message: its id, or a new one for a message without.</summary>
    public static Guid SeedOf(ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.MessageId ?? NewId.NextGuid();
    }

    /// <summary>The seed of the decision on item <paramref name="index"/> of a message carrying many: its own, the same at every delivery.</summary>
    public static Guid SeedOf(ConsumeContext context, int index)
    {
        Span<byte> input = stackalloc byte[20];
        SeedOf(context).TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], index);
        return new Guid(SHA256.HashData(input)[..16]);
    }
}

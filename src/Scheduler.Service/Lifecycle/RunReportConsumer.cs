using MassTransit;
using Scheduler.Contracts;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Records what consumer hosts report about their runs many at a time: the reports of a batch of
/// <see cref="JobRunsReported"/> are applied through <see cref="JobDecider"/> in the order they were delivered, in one
/// transaction that holds their jobs' rows (see <see cref="JobBatchTransition"/>). A report about a job that no longer
/// exists is dropped, as the saga drops it.
/// </summary>
public sealed class RunReportConsumer(JobBatchTransition batch) : IConsumer<Batch<JobRunsReported>>
{
    public Task Consume(ConsumeContext<Batch<JobRunsReported>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Message
            .SelectMany(message => message.Message.Reports.Select((report, index) => InputOf(report) is { } input
                ? new JobBatchInput(message, JobIdOf(report), input, JobTransition.SeedOf(message, index))
                : null))
            .OfType<JobBatchInput>()
            .ToList();
        return batch.ApplyAsync(inputs, JobDueDefinition.AddressOn(context.ReceiveContext.InputAddress), context.CancellationToken);
    }

    static Guid JobIdOf(JobRunReport report) => report.Started?.JobId ?? report.Succeeded?.JobId ?? report.Failed!.JobId;

    static JobInput? InputOf(JobRunReport report) => report switch
    {
        { Started: { } started } => new JobInput.RunStarted(started),
        { Succeeded: { } succeeded } => new JobInput.RunSucceeded(succeeded),
        { Failed: { } failed } => new JobInput.RunFailed(failed),
        _ => null,
    };

}

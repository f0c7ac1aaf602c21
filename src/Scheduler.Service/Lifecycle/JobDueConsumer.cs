using MassTransit;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Records the due messages that come back to jobs many at a time: the occurrences of recurring jobs, one-shots whose
/// instant has come and retries whose backoff is over, each batch in one transaction (see <see cref="JobBatchTransition"/>),
/// in the order they were delivered. Due messages stored before this queue existed point to the saga's queue: the saga
/// still handles them, one at a time, by the same rules.
/// </summary>
public sealed class JobDueConsumer(JobBatchTransition batch, JobInputs inputs)
    : IConsumer<Batch<JobOccurrenceDue>>, IConsumer<Batch<JobDue>>, IConsumer<Batch<JobRetryDue>>, IConsumer<Batch<JobPauseEnds>>
{
    public Task Consume(ConsumeContext<Batch<JobPauseEnds>> context) => RecordAsync(context, m => m.JobId);

    public Task Consume(ConsumeContext<Batch<JobOccurrenceDue>> context) => RecordAsync(context, m => m.JobId);

    public Task Consume(ConsumeContext<Batch<JobDue>> context) => RecordAsync(context, m => m.JobId);

    public Task Consume(ConsumeContext<Batch<JobRetryDue>> context) => RecordAsync(context, m => m.JobId);

    Task RecordAsync<T>(ConsumeContext<Batch<T>> context, Func<T, Guid> jobId)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);

        // A due input is read from its message and headers alone, never from the job as stored.
        var batchInputs = context.Message
            .Select(m => new JobBatchInput(m, jobId(m.Message), inputs.From(m, m.Message, job: null), JobTransition.SeedOf(m)))
            .ToList();
        return batch.ApplyAsync(batchInputs, JobDueDefinition.AddressOn(context.ReceiveContext.InputAddress), context.CancellationToken);
    }
}

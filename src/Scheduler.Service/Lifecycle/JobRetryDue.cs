namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Scheduled for the job when a run failed and is to be retried (see <see cref="JobDueConsumer"/>): the retry's backoff
/// is over. Going back through the job's rules, rather than straight to the handler, lets a cancel in the meantime stop the retry.
/// </summary>
public sealed record JobRetryDue
{
    public Guid JobId { get; init; }

    /// <summary>The pending run of the retry.</summary>
    public Guid RunId { get; init; }
}

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Scheduled by the job lifecycle saga for itself when a run failed and is to be retried: the retry's backoff is over.
/// Going through the saga, rather than straight to the handler, lets a cancel in the meantime stop the retry.
/// </summary>
public sealed record JobRetryDue
{
    public Guid JobId { get; init; }

    /// <summary>The pending run of the retry.</summary>
    public Guid RunId { get; init; }
}

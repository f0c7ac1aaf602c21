namespace Scheduler.Service.Lifecycle;

/// <summary>Scheduled for a job paused with an end (see <see cref="JobDueConsumer"/>): the pause is over, the job resumes.</summary>
public sealed record JobPauseEnds
{
    public Guid JobId { get; init; }
}

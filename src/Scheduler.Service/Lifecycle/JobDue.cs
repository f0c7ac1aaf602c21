namespace Scheduler.Service.Lifecycle;

/// <summary>Scheduled by the job lifecycle saga for itself: a one-shot job's instant has come.</summary>
public sealed record JobDue
{
    public Guid JobId { get; init; }
}

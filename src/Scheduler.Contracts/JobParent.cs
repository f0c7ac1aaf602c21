namespace Scheduler.Contracts;

/// <summary>The job and run whose end scheduled a follow-up job (see <see cref="ScheduleJob.OnSuccess"/>).</summary>
public sealed record JobParent
{
    /// <summary>The parent job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The parent's run whose end scheduled the follow-up.</summary>
    public Guid RunId { get; init; }
}

namespace Scheduler.Service.Lifecycle;

/// <summary>Scheduled for a one-shot job by its rules (see <see cref="JobDueConsumer"/>): its instant has come.</summary>
public sealed record JobDue
{
    public Guid JobId { get; init; }
}

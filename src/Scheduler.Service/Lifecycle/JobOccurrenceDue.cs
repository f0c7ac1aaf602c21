namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Sent back to the job (see <see cref="JobDueConsumer"/>) by its recurring schedule, once per occurrence; the
/// occurrence and any missed ones travel in the due headers (see <see cref="Scheduling.Delivery.DueHeaders"/>).
/// </summary>
public sealed record JobOccurrenceDue
{
    public Guid JobId { get; init; }
}

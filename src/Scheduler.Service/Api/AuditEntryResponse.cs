using Scheduler.Service.History;

namespace Scheduler.Service.Api;

/// <summary>An audit entry as the REST API returns it; <see cref="JobId"/> is null for an entry that concerns no job (an API key, the scheduler).</summary>
public sealed record AuditEntryResponse(
    long Id,
    Guid? JobId,
    DateTimeOffset At,
    string Event,
    string Actor,
    string? FromStatus,
    string ToStatus,
    Guid? RunId,
    string? Detail)
{
    public static AuditEntryResponse From(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new AuditEntryResponse(entry.Id, entry.JobId == GlobalAudit.NoJob ? null : entry.JobId, entry.At, entry.Event, entry.Actor, entry.FromStatus, entry.ToStatus,
            entry.RunId, entry.Detail);
    }
}

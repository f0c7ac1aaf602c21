using Scheduler.Service.Lifecycle;

namespace Scheduler.Service.History;

/// <summary>
/// Audit entries that concern no job: API keys created and revoked, the scheduler-wide pause and resume. They share the
/// job audit table, so that <c>GET /api/audit</c> reads one table in one order, under the job id <see cref="NoJob"/>: the
/// column stays NOT NULL, which spares the embedded SQLite database a rebuild of its largest table.
/// </summary>
public static class GlobalAudit
{
    /// <summary>The job id of an entry that concerns no job; no job has it (a job without an id is given a fresh one).</summary>
    public static readonly Guid NoJob = Guid.Empty;

    /// <summary>The longest actor the audit table holds.</summary>
    public const int MaxActorLength = 200;

    /// <summary>The actor cut to the length the audit table holds.</summary>
    public static string FitActor(string actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Length > MaxActorLength ? actor[..MaxActorLength] : actor;
    }

    /// <summary>An entry about the service rather than a job: <paramref name="from"/> and <paramref name="to"/> are the subject's states.</summary>
    public static AuditEntry Entry(string tenantId, DateTimeOffset at, AuditEvent auditEvent, string actor, string? from, string to, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return new AuditEntry
        {
            JobId = NoJob,
            TenantId = tenantId,
            At = at,
            Event = auditEvent.ToWireName(),
            Actor = FitActor(actor),
            FromStatus = from,
            ToStatus = to,
            Detail = detail,
        };
    }
}

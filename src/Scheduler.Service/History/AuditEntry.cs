namespace Scheduler.Service.History;

/// <summary>
/// One change in a job's life: what happened, who or what caused it, and the state it moved between; or, under the job id
/// <see cref="GlobalAudit.NoJob"/>, a change of the service (an API key, the scheduler-wide pause).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Ascending in the order entries were written, so a job's trail reads in order.</summary>
    public long Id { get; set; }
    public Guid JobId { get; set; }
    public string TenantId { get; set; } = "";
    public DateTimeOffset At { get; set; }

    /// <summary>The event, for example <c>scheduled</c>, <c>runStarted</c>, <c>runSucceeded</c>.</summary>
    public string Event { get; set; } = "";

    /// <summary>
    /// Who or what caused it: <c>key:{name}:{id}</c>, <c>dashboard:{name}:{id}</c> (see <see cref="Tenancy.ApiKeyActor"/>),
    /// <c>bus:{endpoint}</c>, <c>consumer:{host}</c>, <c>scheduler</c>, <c>config</c>, <c>job:{parent id}</c>.
    /// </summary>
    public string Actor { get; set; } = "";

    public string? FromStatus { get; set; }
    public string ToStatus { get; set; } = "";
    public Guid? RunId { get; set; }
    public string? Detail { get; set; }
}

namespace Scheduler.Service.Api;

/// <summary>
/// The optional body of <c>POST /api/jobs/{id}/pause|disable|enable</c>: why (kept in the audit trail; a paused job
/// shows it), and for a pause when it ends by itself (an instant later than now).
/// </summary>
public sealed record HoldRequest(DateTimeOffset? Until, string? Reason);

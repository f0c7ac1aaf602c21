namespace Scheduler.Service.Api;

/// <summary>One page of <c>GET /api/audit</c>: newest first; <see cref="NextCursor"/> fetches the next page, null on the last.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Items, string? NextCursor);

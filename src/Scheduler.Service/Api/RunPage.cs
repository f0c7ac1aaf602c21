namespace Scheduler.Service.Api;

/// <summary>One page of <c>GET /api/runs</c>: newest first; <see cref="NextCursor"/> fetches the next page, null on the last.</summary>
public sealed record RunPage(IReadOnlyList<RunResponse> Items, string? NextCursor);

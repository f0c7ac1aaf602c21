namespace Scheduler.Service.Api;

/// <summary>One page of <c>GET /api/jobs</c>: newest first; <see cref="NextCursor"/> fetches the next page, null on the last.</summary>
public sealed record JobPage(IReadOnlyList<JobResponse> Items, string? NextCursor);

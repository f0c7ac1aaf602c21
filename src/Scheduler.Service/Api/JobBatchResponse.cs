namespace Scheduler.Service.Api;

/// <summary>The answer to <c>POST /api/jobs/batch</c>: one item per job, in the order of the request.</summary>
public sealed record JobBatchResponse(IReadOnlyList<JobBatchItem> Items);

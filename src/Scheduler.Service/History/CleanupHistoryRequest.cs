namespace Scheduler.Service.History;

/// <summary>The payload of the <c>cleanup-history</c> handler: each field overrides <c>Scheduler:Retention</c> for one run.</summary>
public sealed record CleanupHistoryRequest(TimeSpan? SucceededFor = null, TimeSpan? FailedFor = null, int? MaxSucceededRunsPerJob = null);

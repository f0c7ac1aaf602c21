namespace Scheduler.Service.Api;

/// <summary>
/// The optional body of <c>POST /api/scheduler/dead-letters/requeue</c>: one dead-letter queue (every watched one when
/// absent) and how many messages to move at most (default 1000).
/// </summary>
public sealed record RequeueDeadLettersRequest(string? Queue, int? Limit);

namespace Scheduler.Service.Api;

/// <summary>The message scheduler as <c>GET /api/scheduler</c> shows it.</summary>
public sealed record SchedulerStateResponse(
    bool Paused,
    DateTimeOffset? ChangedAt,
    string? ChangedBy,
    int PendingOneTime,
    int RecurringSchedules,
    DateTimeOffset? NextDueAt);

namespace Scheduler.Service.Statistics;

/// <summary>The answer of <c>GET /api/stats</c>: the window it covers, the figures overall and per handler.</summary>
public sealed record SchedulerStatistics(TimeSpan Window, DateTimeOffset From, DateTimeOffset To, HandlerStatistics Overall,
    IReadOnlyList<HandlerStatistics> Handlers);

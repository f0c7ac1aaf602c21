using Scheduler.Service.DeadLetters;

namespace Scheduler.Service.Statistics;

/// <summary>
/// The answer of <c>GET /api/stats</c>: the window it covers, the figures overall and per handler, and the messages
/// waiting in the transport's dead-letter queues (null when the broker could not be asked in time).
/// </summary>
public sealed record SchedulerStatistics(TimeSpan Window, DateTimeOffset From, DateTimeOffset To, HandlerStatistics Overall,
    IReadOnlyList<HandlerStatistics> Handlers, DeadLetterCounts? DeadLetters = null);

namespace Scheduler.Service.Statistics;

/// <summary>
/// What one handler (or, with no handler, all of them) did: jobs by status; runs by status — <c>delayed</c> (a retry
/// waiting for its backoff), <c>queued</c> (sent, waiting in the handler's queue), <c>running</c>, and the outcomes
/// within the window; the success rate of the attempts finished in the window, and their durations.
/// </summary>
public sealed record HandlerStatistics(
    string? Handler,
    IReadOnlyDictionary<string, int> Jobs,
    IReadOnlyDictionary<string, int> Runs,
    double? SuccessRate,
    DurationPercentiles? DurationMs);

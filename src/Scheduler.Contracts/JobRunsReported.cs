namespace Scheduler.Contracts;

/// <summary>
/// Event: a consumer host reports many runs at once, in the order they happened — starts and outcomes alike — so the
/// scheduler records them in one transaction. A host may equally publish each as <see cref="JobRunStarted"/>,
/// <see cref="JobRunSucceeded"/> or <see cref="JobRunFailed"/> on its own.
/// </summary>
public sealed record JobRunsReported
{
    /// <summary>The reports, oldest first.</summary>
    public required IReadOnlyList<JobRunReport> Reports { get; init; }

    /// <summary>The consumer host that reports.</summary>
    public string? Host { get; init; }

    /// <summary>When the host sent them.</summary>
    public DateTimeOffset Timestamp { get; init; }
}

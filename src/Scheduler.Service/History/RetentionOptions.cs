namespace Scheduler.Service.History;

/// <summary>How long run history is kept (configuration section <c>Scheduler:Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Scheduler:Retention";

    /// <summary>Succeeded and skipped runs older than this (by completion) are removed.</summary>
    public TimeSpan SucceededFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Failed, timed-out and faulted runs (the dead letters) older than this are removed.</summary>
    public TimeSpan FailedFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A job keeps at most this many succeeded and skipped runs, the newest, whatever their age.</summary>
    public int MaxSucceededRunsPerJob { get; set; } = 1000;

    /// <summary>How often the sweep runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>False on an instance that should not sweep (another one does).</summary>
    public bool Enabled { get; set; } = true;
}

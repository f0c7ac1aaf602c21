namespace Scheduler.Contracts;

/// <summary>What a cron occurrence whose local time a spring-forward change skips does.</summary>
public enum SkippedTimePolicy
{
    /// <summary>It runs once, at the first valid instant after the gap (the default).</summary>
    RunAfter = 0,

    /// <summary>It does not run that day.</summary>
    Skip = 1,
}

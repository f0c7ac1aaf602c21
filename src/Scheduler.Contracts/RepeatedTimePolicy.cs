namespace Scheduler.Contracts;

/// <summary>What a cron occurrence whose local time a fall-back change repeats does.</summary>
public enum RepeatedTimePolicy
{
    /// <summary>It runs once, in the first pass (the default).</summary>
    First = 0,

    /// <summary>It runs in both passes.</summary>
    Both = 1,
}

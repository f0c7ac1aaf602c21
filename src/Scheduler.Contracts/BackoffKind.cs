namespace Scheduler.Contracts;

/// <summary>How the delay between attempts grows.</summary>
public enum BackoffKind
{
    /// <summary>The delay doubles after each attempt, up to the maximum.</summary>
    Exponential = 0,

    /// <summary>The delay stays the same.</summary>
    Fixed = 1,
}

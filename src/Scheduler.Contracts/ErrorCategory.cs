namespace Scheduler.Contracts;

/// <summary>Whether a failed run is worth another attempt.</summary>
public enum ErrorCategory
{
    /// <summary>May succeed when tried again.</summary>
    Transient = 0,

    /// <summary>Will fail again: the handler said so, or the input is invalid.</summary>
    Permanent = 1,

    /// <summary>The run took longer than the job's timeout.</summary>
    Timeout = 2,
}

namespace Scheduler.Contracts;

/// <summary>What happens to an occurrence that comes while the job runs at its limit.</summary>
public enum OverlapMode
{
    /// <summary>The occurrence is recorded as skipped.</summary>
    Skip = 0,

    /// <summary>One occurrence waits and starts when a run ends.</summary>
    Queue = 1,

    /// <summary>The occurrence runs anyway.</summary>
    Allow = 2,

    /// <summary>The running run is cancelled and the occurrence runs.</summary>
    Replace = 3,
}

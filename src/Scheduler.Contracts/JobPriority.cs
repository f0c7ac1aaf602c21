namespace Scheduler.Contracts;

/// <summary>Delivery priority of a job's runs on its handler queue.</summary>
public enum JobPriority
{
    /// <summary>Runs after everything else that is waiting.</summary>
    Low = 0,

    /// <summary>The default.</summary>
    Normal = 1,

    /// <summary>Overtakes normal and low runs.</summary>
    High = 2,

    /// <summary>Overtakes every other run.</summary>
    Critical = 3,
}

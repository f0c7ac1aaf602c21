namespace Scheduler.Bench.Chaos.Faults;

/// <summary>Which of a deployment's processes a <see cref="ProcessFault"/> stops.</summary>
public enum FaultedProcess
{
    /// <summary>The service instance the bench calls; started again after.</summary>
    Service,

    /// <summary>A second service instance beside it, started for the case; not started again (the first carries on).</summary>
    SecondService,

    /// <summary>The consumer host; started again after.</summary>
    Consumer,
}

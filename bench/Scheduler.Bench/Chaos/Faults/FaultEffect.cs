namespace Scheduler.Bench.Chaos.Faults;

/// <summary>
/// When the faulted component answered again (for a component that does not come back, the instant of the fault),
/// and for a process stopped with SIGTERM how long it took to exit (null when it had to be killed) and the limit.
/// </summary>
public sealed record FaultEffect(DateTimeOffset BackAt, TimeSpan? ExitTime = null, TimeSpan? ExitLimit = null);

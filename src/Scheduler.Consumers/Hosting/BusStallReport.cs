namespace Scheduler.Consumers.Hosting;

/// <summary>
/// Why <see cref="BusStallGuard"/> stopped this process, if it did; the entry point turns it into the exit code
/// <see cref="StallGuardOptions.ExitCode"/> once the host has stopped.
/// </summary>
public sealed class BusStallReport
{
    string? _reason;

    /// <summary>The stall the process stopped for, or null.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>Records the stall (the first one reported counts).</summary>
    public void Stalled(string reason) => Interlocked.CompareExchange(ref _reason, reason, null);

    /// <summary>
    /// The exit code for the process once its host has stopped: <see cref="StallGuardOptions.ExitCode"/> after a stall,
    /// else 0. Resolve the report before running the host: a host that has run is disposed with its services.
    /// </summary>
    public int ExitCode => Reason is null ? 0 : StallGuardOptions.ExitCode;
}

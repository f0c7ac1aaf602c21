using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Scheduler.Consumers.Hosting;

/// <summary>
/// The last bound on a stopping process: once its host has been asked to stop, the process ends when it is still
/// running <c>bound</c> later. The host's own <see cref="HostOptions.ShutdownTimeout"/> only cancels a token, and
/// MassTransit's stop can wait on RabbitMQ.Client closing a connection, which no token reaches; an orchestrator waiting
/// for the exit would wait with it. Nothing is lost by ending: what is in hand was not acknowledged and returns to its
/// queue, and every write is safe to cut off (as a SIGKILL is). Armed by the entry points only, never by a registration
/// a test host shares: ending a test run's process would end every test in it.
/// </summary>
public sealed partial class ProcessStopDeadline : IDisposable
{
    readonly TimeSpan _bound;
    readonly TimeProvider _clock;
    readonly ILogger _logger;
    readonly Action _end;
    readonly Lock _gate = new();
    readonly CancellationTokenRegistration _stopping;
    ITimer? _timer;
    bool _disposed;

    ProcessStopDeadline(IHostApplicationLifetime lifetime, TimeSpan bound, TimeProvider clock, ILogger logger, Action end)
    {
        _bound = bound;
        _clock = clock;
        _logger = logger;
        _end = end;
        _stopping = lifetime.ApplicationStopping.Register(Start);
    }

    /// <summary>
    /// Ends the process with <paramref name="end"/> (<see cref="EndThisProcess"/> in production) when it is still
    /// running <paramref name="bound"/> after <paramref name="lifetime"/> reports it stopping.
    /// </summary>
    public static ProcessStopDeadline Arm(IHostApplicationLifetime lifetime, TimeSpan bound, TimeProvider clock, ILogger logger, Action end)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bound, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(end);
        return new ProcessStopDeadline(lifetime, bound, clock, logger, end);
    }

    /// <summary>
    /// Ends this process at once. Not <see cref="Environment.Exit(int)"/>: that waits for the host's stop, which is what
    /// hangs; ending the process is what an orchestrator would do next anyway.
    /// </summary>
    public static void EndThisProcess()
    {
        using var self = Process.GetCurrentProcess();
        self.Kill();
    }

    /// <summary>Disarms the deadline (the process has finished stopping).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
        }

        _stopping.Dispose();
    }

    void Start()
    {
        lock (_gate)
        {
            if (_disposed || _timer is not null)
                return;
            _timer = _clock.CreateTimer(_ => Expire(), null, _bound, Timeout.InfiniteTimeSpan);
        }
    }

    void Expire()
    {
        lock (_gate)
        {
            if (_disposed)
                return;
        }

        LogEnding(_logger, _bound.TotalSeconds);
        _end();
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The process did not stop within {Seconds} s of being asked to; ending it")]
    static partial void LogEnding(ILogger logger, double seconds);
}

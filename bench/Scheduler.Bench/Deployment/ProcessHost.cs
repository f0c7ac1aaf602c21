using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Scheduler.Bench.Usage;

namespace Scheduler.Bench.Deployment;

/// <summary>One of the product's executables (built in Release) in a process of its own.</summary>
public sealed class ProcessHost : IAsyncDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _output = new();
    bool _disposed;
    bool _stopRequested;
    TimeSpan _cpu;

    ProcessHost(Process process) => _process = process;

    /// <summary>
    /// The CPU time the process has used: read while it runs, and once it has ended the last reading, taken just before
    /// it was killed or while it was shutting down.
    /// </summary>
    public TimeSpan CpuTime
    {
        get
        {
            if (!HasExited && ProcStat.Read(_process.Id) is { } stat)
                _cpu = stat.Used;
            return _cpu;
        }
    }

    public IReadOnlyList<string> Output => [.. _output];

    public bool HasExited => _disposed || _process.HasExited;

    /// <summary>
    /// Whether the process ended by itself — the bench neither killed nor stopped it — as a process does that gives up
    /// (a stalled bus, a crash); an orchestrator's restart policy starts such a process again.
    /// </summary>
    public bool ExitedOnItsOwn => !_stopRequested && !_disposed && _process.HasExited;

    /// <summary>The exit code of a process that has ended, or null.</summary>
    public int? ExitCode => !_disposed && _process.HasExited ? _process.ExitCode : null;

    public static ProcessHost Start(string dll, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!File.Exists(dll))
            throw new FileNotFoundException($"{dll} is not built: run `dotnet build -c Release` first.", dll);

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var host = new ProcessHost(Process.Start(start)!);
        host._process.OutputDataReceived += (_, e) => host.Collect(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Collect(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        return host;
    }

    /// <summary>
    /// SIGTERM, as an orchestrator stops a process: how long it took to exit, or null when it had not exited within
    /// <paramref name="patience"/> (it is then killed).
    /// </summary>
    public async Task<TimeSpan?> TerminateAsync(TimeSpan patience)
    {
        _stopRequested = true;
        var sent = Stopwatch.GetTimestamp();
        if (!_process.HasExited)
        {
            using var signal = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) } })!;
            await signal.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(patience);
        try
        {
            // Read the CPU time as the process drains: once it has exited and been reaped, it can no longer be read.
            var exited = _process.WaitForExitAsync(wait.Token);
            while (!exited.IsCompleted)
            {
                _ = CpuTime;
                await Task.WhenAny(exited, Task.Delay(20, CancellationToken.None));
            }

            await exited;
            return Stopwatch.GetElapsedTime(sent);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return null;
        }
    }

    /// <summary>SIGKILL: nothing is flushed, acknowledged or said goodbye to.</summary>
    public async Task KillAsync()
    {
        _stopRequested = true;
        if (!_process.HasExited)
        {
            _ = CpuTime;
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        await KillAsync();
        _process.Dispose();
    }

    void Collect(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        while (_output.Count > 200)
            _output.TryDequeue(out _);
    }
}

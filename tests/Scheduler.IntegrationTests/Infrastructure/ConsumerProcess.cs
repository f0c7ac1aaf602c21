using System.Collections.Concurrent;
using System.Diagnostics;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>The worker host executable (Scheduler.Consumers) in a process of its own, so that a test can kill it.</summary>
public sealed class ConsumerProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _output = new();

    ConsumerProcess(Process process) => _process = process;

    /// <summary>What the process has logged so far, in order.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>Starts the worker host on <paramref name="rabbitMq"/>, remembering finished runs in <paramref name="postgres"/>, and waits until it consumes.</summary>
    public static async Task<ConsumerProcess> StartAsync(string rabbitMq, string postgres, IReadOnlyDictionary<string, string>? settings = null)
    {
        var directory = HostDirectory();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "Scheduler.Consumers.dll"));
        start.Environment["ConnectionStrings__rabbitmq"] = rabbitMq;
        start.Environment["ConnectionStrings__postgres"] = postgres;
        start.Environment["Logging__Console__FormatterName"] = "simple";
        // Tests start several hosts at once: none serves /metrics unless the test gives it a port.
        start.Environment["Scheduler__Consumer__Metrics__Port"] = "0";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = new ConsumerProcess(Process.Start(start)!);
        process._process.OutputDataReceived += (_, e) => process.Collect(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.Collect(e.Data);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();

        await Eventually.Until(() =>
        {
            if (process._process.HasExited)
                throw new InvalidOperationException($"The consumer host exited with {process._process.ExitCode}:\n{string.Join('\n', process.Output)}");
            return Task.FromResult(process.Output.Any(line => line.Contains("Application started", StringComparison.Ordinal)));
        }, started => started, "the consumer host to start");
        return process;
    }

    /// <summary>Ends the process at once, as a crash or SIGKILL would: runs in flight are cut off, nothing is acknowledged.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM, as an orchestrator stopping a container does, and waits for the process to exit; returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();

        using var deadline = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>
    /// The worker host's own build output (same configuration and framework as the tests): it needs packages, such as
    /// System.Threading.RateLimiting, that this test's output leaves out because the ASP.NET framework provides them here.
    /// </summary>
    static string HostDirectory()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = output.Parent!;
        var repository = configuration.Parent!.Parent!.Parent!.Parent!;
        var directory = Path.Combine(repository.FullName, "src", "Scheduler.Consumers", "bin", configuration.Name, output.Name);
        return File.Exists(Path.Combine(directory, "Scheduler.Consumers.dll"))
            ? directory
            : throw new InvalidOperationException($"The worker host is not built at {directory}.");
    }

    void Collect(string? line)
    {
        if (line is not null)
            _output.Enqueue(line);
    }
}

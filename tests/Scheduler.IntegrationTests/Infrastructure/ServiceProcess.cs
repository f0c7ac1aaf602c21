using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>The built service executable in a process of its own, as a person starts it: only a working directory and a URL.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    readonly Process _process;
    readonly ConcurrentQueue<string> _output = new();

    ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Api = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }
    public HttpClient Api { get; }

    /// <summary>What the process has logged so far, in order.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>
    /// Starts the executable in <paramref name="workingDirectory"/> and waits until it is ready. Without
    /// <paramref name="settings"/> it gets no configuration (the embedded default); with them, only those (keys as in
    /// appsettings.json, such as <c>ConnectionStrings:postgres</c>).
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Scheduler.Service.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString());

        // Nothing but the given settings: what test.sh exports for the other tests must not reach it.
        start.Environment.Remove("ConnectionStrings__postgres");
        start.Environment.Remove("ConnectionStrings__rabbitmq");
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = new ServiceProcess(Process.Start(start)!, address);
        process._process.OutputDataReceived += (_, e) => process.Collect(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.Collect(e.Data);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();

        await Eventually.Until(async () =>
        {
            if (process._process.HasExited)
                throw new InvalidOperationException($"The service exited with {process._process.ExitCode}:\n{string.Join('\n', process.Output)}");
            try
            {
                using var ready = await process.Api.GetAsync("/health/ready");
                return ready.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, ready => ready, "the service process to be ready");
        return process;
    }

    /// <summary>Ends the process at once, as a crash or SIGKILL would: nothing is flushed or stopped gracefully.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Api.Dispose();
        _process.Dispose();
    }

    void Collect(string? line)
    {
        if (line is not null)
            _output.Enqueue(line);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;

namespace Scheduler.Bench.Chaos.Instances;

/// <summary>Runs a command line tool (rabbitmqctl, pg_ctlcluster) to its end, within a deadline.</summary>
public static class ShellCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var error = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return (process.ExitCode, (await output + await error).Trim());
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
                throw;
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s.");
        }
    }

    /// <summary>Runs the command and throws with its output when it fails.</summary>
    public static async Task RunCheckedAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync(file, arguments, timeout, cancellationToken);
        if (exitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {exitCode}: {output}");
    }
}

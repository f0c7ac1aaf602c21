using Scheduler.Bench.Chaos.Faults;
using Scheduler.Bench.Deployment;

namespace Scheduler.Bench.Chaos.Trials;

/// <summary>The frame every trial runs in: its steps within the bound, the fault undone whatever happened, then the figures.</summary>
public static class TrialRun
{
    /// <summary>Time to undo the fault and to read the figures, past the bound.</summary>
    static readonly TimeSpan Aftermath = TimeSpan.FromMinutes(2);

    /// <summary>Runs <paramref name="steps"/>; returns what went wrong (the bound passed, an error), having undone the fault.</summary>
    public static async Task<IReadOnlyList<string>> GuardAsync(BenchDeployment deployment, IFault? fault, Func<Task> steps, CancellationToken bound)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var problems = new List<string>();
        try
        {
            await steps();
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            problems.Add("did not finish within its bound");
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or HttpRequestException or IOException
                                              or Npgsql.NpgsqlException or MassTransit.MassTransitException)
        {
            problems.Add($"{exception.GetType().Name}: {FirstLine(exception.Message)}");
        }

        if (fault is not null)
        {
            using var restore = new CancellationTokenSource(Aftermath);
            await fault.RestoreAsync(deployment, restore.Token);
        }

        return problems;
    }

    public static async Task<Dictionary<string, double>> MeasureAsync(BenchSettings settings, BenchDeployment deployment, string journal, TrialMarks marks)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        using var measuring = new CancellationTokenSource(Aftermath);
        var figures = await TrialFigures.MeasureAsync(settings, deployment, journal, marks, measuring.Token);
        figures[ChaosFigure.Restarted] = deployment.Restarts.Count;
        return figures;
    }

    static string FirstLine(string message) => message.Split('\n', 2)[0];
}

using Scheduler.Service.History;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>How late runs started against their occurrence (handler start − due), for a test to print.</summary>
public sealed record Lateness(int Runs, double P50Ms, double P99Ms, double MaxMs, double DrainMs)
{
    public static Lateness Of(IReadOnlyCollection<JobRun> runs, DateTimeOffset due)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var late = runs.Select(r => (r.StartedAt!.Value - r.ScheduledFor).TotalMilliseconds).Order().ToArray();
        var drain = runs.Max(r => r.CompletedAt!.Value) - due;
        return new Lateness(late.Length, Percentile(late, 0.50), Percentile(late, 0.99), late[^1], drain.TotalMilliseconds);
    }

    static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    public override string ToString() =>
        $"{Runs} runs: lateness p50 {P50Ms:F0} ms, p99 {P99Ms:F0} ms, max {MaxMs:F0} ms; drain {DrainMs:F0} ms after the due instant";
}

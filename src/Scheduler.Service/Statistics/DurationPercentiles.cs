namespace Scheduler.Service.Statistics;

/// <summary>Run durations at three percentiles, in milliseconds.</summary>
public sealed record DurationPercentiles(double P50, double P95, double P99)
{
    /// <summary>Percentiles by linear interpolation between the closest ranks, as PostgreSQL's <c>percentile_cont</c>.</summary>
    public static DurationPercentiles? Of(IReadOnlyList<long> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        if (durations.Count == 0)
            return null;

        var sorted = durations.Order().ToArray();
        return new(At(sorted, 0.50), At(sorted, 0.95), At(sorted, 0.99));
    }

    static double At(long[] sorted, double fraction)
    {
        var rank = fraction * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }
}

namespace Scheduler.Bench.Reporting;

/// <summary>Percentiles of a sample, in its unit (milliseconds here), by the nearest-rank method.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (sample.Count == 0)
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN);

        var sorted = sample.Order().ToArray();
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, Rank(0.50), Rank(0.95), Rank(0.99), sorted[^1]);
    }
}

namespace Scheduler.Bench.Reporting;

/// <summary>
/// One figure against its target: <see cref="Value"/> as measured, <see cref="Ratio"/> to the reference figure where
/// the target is relative (null when the reference did not run), the target in words, and whether it was met (null
/// when it could not be told, or when the ratio is only shown), and the name the ratio is added to the figures under.
/// </summary>
public sealed record TargetCheck(string Figure, double Value, double? Ratio, string Reference, string Target, bool? Met, string? RatioFigure = null)
{
    public string Verdict => Met switch { true => "met", false => "MISSED", null => "-" };
}

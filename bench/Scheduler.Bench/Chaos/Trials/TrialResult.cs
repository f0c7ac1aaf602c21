namespace Scheduler.Bench.Chaos.Trials;

/// <summary>The figures of one trial (named with their unit) and what went wrong before they were read.</summary>
public sealed record TrialResult(IReadOnlyDictionary<string, double> Figures, IReadOnlyList<string> Problems);

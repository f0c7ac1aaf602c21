namespace Scheduler.Bench.Chaos;

/// <summary>One repetition of one case: its parameters, figures and every target it missed (none when it passed).</summary>
public sealed record ChaosOutcome(string Case, string Description, int Repetition, double Seconds, IReadOnlyDictionary<string, object> Parameters,
    IReadOnlyDictionary<string, double> Figures, IReadOnlyList<string> Failures)
{
    public bool Passed => Failures.Count == 0;
}

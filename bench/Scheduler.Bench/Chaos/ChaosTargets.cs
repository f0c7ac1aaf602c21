using System.Globalization;
using Scheduler.Bench.Chaos.Trials;

namespace Scheduler.Bench.Chaos;

/// <summary>
/// The targets of issue 13: nothing lost, no completed run repeated, no occurrence fired twice, nothing in an
/// <c>_error</c> queue, recovered within <paramref name="recovery"/> of the component's return, and a process sent
/// SIGTERM gone within its drain time plus 5 s.
/// </summary>
public sealed class ChaosTargets(TimeSpan recovery)
{
    public IReadOnlyList<string> Missed(IReadOnlyDictionary<string, double> figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var missed = new List<string>();
        void Zero(string figure, string what)
        {
            if (figures.TryGetValue(figure, out var value) && value > 0)
                missed.Add(string.Create(CultureInfo.InvariantCulture, $"{value} {what}"));
        }

        Zero(ChaosFigure.Lost, "lost");
        Zero(ChaosFigure.CompletedTwice, "runs completed twice");
        Zero(ChaosFigure.FiredTwice, "occurrences fired twice");
        Zero(ChaosFigure.ErrorMessages, "messages in _error queues");
        if (figures.TryGetValue(ChaosFigure.Recovery, out var recovered))
        {
            if (double.IsNaN(recovered))
                missed.Add("not recovered");
            else if (recovered > recovery.TotalSeconds)
                missed.Add(string.Create(CultureInfo.InvariantCulture, $"recovered in {recovered:0.#} s (target {recovery.TotalSeconds} s)"));
        }

        if (figures.TryGetValue(ChaosFigure.Exit, out var exit) && figures.TryGetValue(ChaosFigure.ExitLimit, out var limit))
        {
            if (double.IsNaN(exit))
                missed.Add("did not exit on SIGTERM: killed");
            else if (exit > limit)
                missed.Add(string.Create(CultureInfo.InvariantCulture, $"exited in {exit:0.#} s (limit {limit} s)"));
        }

        return missed;
    }
}

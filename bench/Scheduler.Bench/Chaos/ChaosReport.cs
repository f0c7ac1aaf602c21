using System.Globalization;
using Scheduler.Bench.Chaos.Trials;
using Scheduler.Bench.Reporting;

namespace Scheduler.Bench.Chaos;

/// <summary>Prints each repetition as it ends, then a table of them all and each case's tally; writes them all as JSON.</summary>
public static class ChaosReport
{
    static readonly string[] Columns = [ChaosFigure.Lost, ChaosFigure.CompletedTwice, ChaosFigure.FiredTwice, ChaosFigure.Recovery, ChaosFigure.Exit, ChaosFigure.ErrorMessages,
        ChaosFigure.Restarted];
    static readonly string[] Headings = ["lost", "completed 2x", "fired 2x", "recovery s", "exit s", "_error", "restarted"];

    public static void Print(ChaosOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        Console.WriteLine($"  {Row(outcome)}");
        foreach (var failure in outcome.Failures)
            Console.WriteLine($"    missed: {failure}");
    }

    public static async Task WriteAsync(IReadOnlyList<ChaosOutcome> outcomes, IReadOnlyDictionary<string, string> versions, string directory)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        Console.WriteLine();
        Console.WriteLine($"{"case",-5} {"rep",3} {string.Join(' ', Headings.Select(h => $"{h,12}"))} {"time s",8}  result");
        Console.WriteLine(new string('-', 5 + 4 + (13 * Headings.Length) + 9 + 8));
        foreach (var outcome in outcomes)
            Console.WriteLine(Row(outcome));
        Console.WriteLine();
        foreach (var group in outcomes.GroupBy(o => o.Case))
            Console.WriteLine($"case {group.Key}: {group.Count(o => o.Passed)} of {group.Count()} passed — {group.First().Description}");

        var path = await ResultsFile.WriteAsync(directory, "chaos", versions, outcomes);
        Console.WriteLine();
        Console.WriteLine($"written {path}");
    }

    static string Row(ChaosOutcome outcome)
    {
        var cells = Columns.Select(c => outcome.Figures.TryGetValue(c, out var value) ? value.ToString("0.#", CultureInfo.InvariantCulture) : "-");
        return string.Create(CultureInfo.InvariantCulture,
            $"{outcome.Case,-5} {outcome.Repetition,3} {string.Join(' ', cells.Select(c => $"{c,12}"))} {outcome.Seconds,8:0}  {(outcome.Passed ? "pass" : "FAIL")}");
    }
}

using System.Globalization;
using Scheduler.Bench.Usage;

namespace Scheduler.Bench.Reporting;

/// <summary>
/// Prints each workload's figures as it ends, then a table of them all and one of what each cost (CPU per process,
/// SQL), and writes them, with the machine and versions, as JSON.
/// </summary>
public static class BenchReport
{
    static readonly string[] Processes = [UsageMeter.Service, UsageMeter.Consumer, UsageMeter.Postgres, UsageMeter.RabbitMq, UsageMeter.Bench, "all"];

    public static void Print(WorkloadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var (figure, value) in result.Figures)
            Console.WriteLine($"  {figure}: {Number(value)}");
        foreach (var check in result.Targets)
            Console.WriteLine($"  target: {Describe(check)}");
        foreach (var line in UsageLines(result.Usage))
            Console.WriteLine($"  {line}");
        foreach (var note in result.Notes)
            Console.WriteLine($"  note: {note}");
    }

    public static async Task WriteAsync(IReadOnlyList<WorkloadResult> results, IReadOnlyDictionary<string, string> versions, string directory)
    {
        ArgumentNullException.ThrowIfNull(results);
        Console.WriteLine();
        Console.WriteLine($"{"workload",-10} {"figure",-44} {"value",14}  target");
        Console.WriteLine(new string('-', 96));
        foreach (var result in results)
        {
            foreach (var (figure, value) in result.Figures)
            {
                var targets = result.Targets.Where(c => c.Target.Length > 0 && (c.RatioFigure ?? c.Figure) == figure).Select(c => $"{c.Target} {c.Verdict}");
                Console.WriteLine($"{result.Name,-10} {figure,-44} {Number(value),14}  {string.Join("; ", targets)}");
            }
        }

        Console.WriteLine();
        Console.WriteLine("CPU s per process during each workload; all of them per unit of work (job, run, msg); SQL per unit in the workload's database");
        Console.WriteLine($"{"workload",-10} {"window s",9} {string.Join(' ', Processes.Select(p => $"{Short(p),9}"))} {"ms/unit",9} {"stmts/unit",11} {"commits/unit",13}");
        Console.WriteLine(new string('-', 10 + 10 + (10 * Processes.Length) + 10 + 12 + 14));
        foreach (var result in results.Where(r => r.Usage.Count > 0))
        {
            var usage = result.Usage;
            string Cell(string figure, int width) => (usage.TryGetValue(figure, out var value) ? Number(value, "0.##") : "-").PadLeft(width);
            string Matching(Func<string, bool> match, int width) => usage.Keys.FirstOrDefault(match) is { } key ? Cell(key, width) : "-".PadLeft(width);
            var cpuPerUnit = Matching(k => k.StartsWith("CPU ms/", StringComparison.Ordinal) && k.EndsWith(" all", StringComparison.Ordinal), 9);
            var statements = Matching(k => k.StartsWith("SQL statements/", StringComparison.Ordinal), 11);
            var commits = Matching(k => k.StartsWith("SQL commits/", StringComparison.Ordinal), 13);
            Console.WriteLine($"{result.Name,-10} {Cell("window s", 9)} {string.Join(' ', Processes.Select(p => Cell($"CPU s {p}", 9)))} {cpuPerUnit} {statements} {commits}");
        }

        var path = await ResultsFile.WriteAsync(directory, "bench", versions, results);
        Console.WriteLine();
        Console.WriteLine($"written {path}");
    }

    /// <summary><c>end-to-end jobs/s 812.3 = 0.41 × baseline publish-to-consume msgs/s 1980.2; target ≥ 2.5 × baseline: MISSED</c>.</summary>
    static string Describe(TargetCheck check)
    {
        var ratio = check.Ratio is { } r ? $" = {Number(r)} × {check.Reference}" : check.Reference.Length > 0 ? $" ({check.Reference})" : "";
        var target = check.Target.Length > 0 ? $"; target {check.Target}: {check.Verdict}" : "";
        return $"{check.Figure} {Number(check.Value)}{ratio}{target}";
    }

    /// <summary><c>CPU s: service 3.1, consumer host 0.65, …</c>, the same per unit, and the SQL, one line each.</summary>
    static IEnumerable<string> UsageLines(IReadOnlyDictionary<string, double> usage)
    {
        if (usage.Count == 0)
            yield break;
        yield return $"CPU s (window {Number(usage["window s"], "0.#")} s): {Joined(usage, "CPU s ")}";
        if (usage.Keys.FirstOrDefault(k => k.StartsWith("CPU ms/", StringComparison.Ordinal)) is { } first)
        {
            var prefix = first[..(first.IndexOf(' ', "CPU ms/".Length) + 1)];
            yield return $"{prefix.TrimEnd()}: {Joined(usage, prefix)}";
        }

        var sql = usage.Where(f => f.Key.StartsWith("SQL ", StringComparison.Ordinal)).Select(f => $"{Number(f.Value, "0.##")} {f.Key[4..]}");
        yield return $"SQL: {string.Join(", ", sql)}";
    }

    static string Joined(IReadOnlyDictionary<string, double> usage, string prefix) =>
        string.Join(", ", usage.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(f => $"{f.Key[prefix.Length..]} {Number(f.Value, "0.##")}"));

    static string Short(string process) => process == UsageMeter.Consumer ? "consumer" : process;

    static string Number(double value, string format = "0.###") => value.ToString(format, CultureInfo.InvariantCulture);
}

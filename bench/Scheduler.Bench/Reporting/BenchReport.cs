using System.Globalization;

namespace Scheduler.Bench.Reporting;

/// <summary>Prints the figures as a table and writes them, with the machine and versions, as JSON.</summary>
public static class BenchReport
{
    public static async Task WriteAsync(IReadOnlyList<WorkloadResult> results, IReadOnlyDictionary<string, string> versions, string directory)
    {
        ArgumentNullException.ThrowIfNull(results);
        Console.WriteLine();
        Console.WriteLine($"{"workload",-12} {"figure",-44} {"value",14}");
        Console.WriteLine(new string('-', 72));
        foreach (var result in results)
        {
            foreach (var (figure, value) in result.Figures)
                Console.WriteLine($"{result.Name,-12} {figure,-44} {value.ToString("0.###", CultureInfo.InvariantCulture),14}");
        }

        var path = await ResultsFile.WriteAsync(directory, "bench", versions, results);
        Console.WriteLine();
        Console.WriteLine($"written {path}");
    }
}

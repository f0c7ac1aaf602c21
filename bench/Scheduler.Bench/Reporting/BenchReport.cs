using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Scheduler.Bench.Reporting;

/// <summary>Prints the figures as a table and writes them, with the machine and versions, as JSON.</summary>
public static class BenchReport
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync(IReadOnlyList<WorkloadResult> results, IReadOnlyDictionary<string, string> versions, string directory)
    {
        ArgumentNullException.ThrowIfNull(results);
        Console.WriteLine();
        Console.WriteLine($"{"workload",-12} {"figure",-34} {"value",14}");
        Console.WriteLine(new string('-', 62));
        foreach (var result in results)
        {
            foreach (var (figure, value) in result.Figures)
                Console.WriteLine($"{result.Name,-12} {figure,-34} {value.ToString("0.###", CultureInfo.InvariantCulture),14}");
        }

        var document = new
        {
            machine = new
            {
                processors = Environment.ProcessorCount,
                os = RuntimeInformation.OSDescription,
                runtime = RuntimeInformation.FrameworkDescription,
                memoryBytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
            },
            versions,
            at = DateTimeOffset.UtcNow,
            results,
        };
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"bench-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Json));
        Console.WriteLine();
        Console.WriteLine($"written {path}");
    }
}

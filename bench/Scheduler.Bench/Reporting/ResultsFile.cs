using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Bench.Reporting;

/// <summary>Writes results, with the machine and the versions they were measured on, to <c>bench/results/&lt;kind&gt;-&lt;time&gt;.json</c>.</summary>
public static class ResultsFile
{
    // A figure that could not be measured is NaN; JSON has no such number, so it is written as the string "NaN".
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <returns>The path written.</returns>
    public static async Task<string> WriteAsync(string directory, string kind, IReadOnlyDictionary<string, string> versions, object results)
    {
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
        var path = Path.Combine(directory, $"{kind}-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, Json));
        return path;
    }
}

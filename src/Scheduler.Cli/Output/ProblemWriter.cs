using System.Globalization;
using System.Text.Json;
using Scheduler.Cli.Api;

namespace Scheduler.Cli.Output;

/// <summary>Prints a refused request: the service's problem details (RFC 7807) as they came, or read out for a person.</summary>
public static class ProblemWriter
{
    public static void Write(TextWriter error, ApiResponse response, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(response);
        if (format == OutputFormat.Json || response.Body is not { ValueKind: JsonValueKind.Object } problem)
        {
            error.WriteLine(string.IsNullOrWhiteSpace(response.Text) ? string.Create(CultureInfo.InvariantCulture, $"HTTP {response.Status}") : response.Text);
            return;
        }

        var title = problem.TryGetProperty("title", out var t) ? t.GetString() : null;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Refused ({response.Status}): {title ?? "the service refused the request"}"));
        if (problem.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
            error.WriteLine($"  {detail.GetString()}");
        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                var reasons = field.Value.ValueKind == JsonValueKind.Array
                    ? string.Join("; ", field.Value.EnumerateArray().Select(Column.Text))
                    : Column.Text(field.Value);
                error.WriteLine($"  {field.Name}: {reasons}");
            }
        }
    }
}

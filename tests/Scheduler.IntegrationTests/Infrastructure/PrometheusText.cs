using System.Globalization;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>A scrape of Prometheus text, read the way a test asks of it: the sum of one family's samples with some labels.</summary>
public sealed class PrometheusText(string text)
{
    public string Text { get; } = text;

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include every one of <paramref name="labels"/> (0 when none).</summary>
    public double Sum(string name, params (string Label, string Value)[] labels)
    {
        var sum = 0.0;
        foreach (var line in Text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal))
                continue;
            var rest = line[name.Length..];
            if (rest.Length == 0 || (rest[0] != '{' && rest[0] != ' '))
                continue;

            var labelText = rest[0] == '{' ? rest[1..rest.IndexOf('}', StringComparison.Ordinal)] : "";
            if (!labels.All(l => labelText.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
                continue;

            var value = rest[(rest[0] == '{' ? rest.IndexOf('}', StringComparison.Ordinal) + 1 : 0)..].Trim().Split(' ')[0];
            sum += double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return sum;
    }

    /// <summary>Whether the scrape has a family of this name.</summary>
    public bool Has(string name) => Text.Contains($"# TYPE {name} ", StringComparison.Ordinal);

    public override string ToString() => Text;
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Declarations;

/// <summary>
/// Reads the jobs declared under <c>Scheduler:Jobs</c> (appsettings, environment variables such as
/// <c>Scheduler__Jobs__nightly-report__Handler</c>). Each section is turned into the JSON a client would send, so that
/// it is read by the contracts' own rules: ISO 8601 durations, camelCase or PascalCase names, numbers and
/// <c>true</c>/<c>false</c> written as text; sections numbered 0, 1, … are arrays. Configuration keeps every value as
/// text: in the payload and the metadata, which have no schema here, a value that reads as a number or a boolean is one.
/// Names outside them are camelCased, so that errors name fields as the API does (<c>schedule.every</c>).
/// </summary>
public sealed class DeclaredJobsReader(IConfiguration configuration)
{
    public const string SectionName = "Scheduler:Jobs";

    static readonly JsonSerializerOptions Options = new(SchedulerJson.CreateOptions()) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString };

    public IReadOnlyList<DeclaredJob> Read() =>
        configuration.GetSection(SectionName).GetChildren().Select(Read).ToList();

    static DeclaredJob Read(IConfigurationSection section)
    {
        var key = section.Key;
        if (!ScheduleJobValidator.IsJobKey(key))
            return new DeclaredJob(key, null, Enabled: false, [new FieldError("key", ScheduleJobValidator.JobKeyRule)]);

        var json = ToJson(section, numbers: false) as JsonObject ?? [];
        var enabled = true;
        if (Remove(json, "enabled") is { } flag)
        {
            if (flag.GetValueKind() != JsonValueKind.False && flag.GetValueKind() != JsonValueKind.True)
                return new DeclaredJob(key, null, Enabled: false, [new FieldError("enabled", "must be true or false")]);
            enabled = flag.GetValue<bool>();
        }

        try
        {
            var command = json.Deserialize<ScheduleJob>(Options) ?? new ScheduleJob();
            return new DeclaredJob(key, command with { Key = key }, enabled, []);
        }
        catch (JsonException e)
        {
            return new DeclaredJob(key, null, enabled, [JsonFieldError.From(e)]);
        }
    }

    // Configuration keys are case-insensitive: "Enabled" and "enabled" are one setting.
    static JsonNode? Remove(JsonObject json, string name)
    {
        var found = json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
        if (found.Key is null)
            return null;

        json.Remove(found.Key);
        return found.Value;
    }

    /// <summary>The payload and the metadata have no schema: their names are kept as written, and their values typed as they read.</summary>
    static bool IsFreeForm(string key) =>
        string.Equals(key, "payload", StringComparison.OrdinalIgnoreCase) || string.Equals(key, "metadata", StringComparison.OrdinalIgnoreCase);

    /// <param name="section">The section.</param>
    /// <param name="numbers">True inside the payload: a value that reads as a number is one.</param>
    static JsonNode? ToJson(IConfigurationSection section, bool numbers)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return section.Value switch
            {
                null => null,
                var text when bool.TryParse(text, out var flag) => JsonValue.Create(flag),
                var text when numbers && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
                var text when numbers && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
                var text => JsonValue.Create(text),
            };
        }

        if (children.All(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var array = new JsonArray();
            foreach (var child in children.OrderBy(c => int.Parse(c.Key, CultureInfo.InvariantCulture)))
                array.Add(ToJson(child, numbers));
            return array;
        }

        var json = new JsonObject();
        foreach (var child in children)
            json[numbers ? child.Key : JsonNamingPolicy.CamelCase.ConvertName(child.Key)] =
                ToJson(child, numbers || IsFreeForm(child.Key));
        return json;
    }
}

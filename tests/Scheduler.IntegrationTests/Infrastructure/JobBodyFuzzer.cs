using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>
/// Seeded job definitions for fuzzing (the same seed gives the same sequence): valid <c>ScheduleJob</c> bodies
/// (camelCase, as REST and the bus take them), and those bodies mutated — wrong types, huge numbers, odd unicode,
/// nulls, deep nesting, bad durations, instants, cron expressions and time zones, duplicate keys, truncated or
/// corrupted text, or random JSON.
/// </summary>
public sealed class JobBodyFuzzer(int seed)
{
    static readonly string[] Fields =
        ["jobId", "tenantId", "name", "handler", "payload", "schedule", "priority", "retry", "timeout", "concurrency", "misfire", "idempotencyKey", "metadata"];

    static readonly string[] ScheduleFields = ["at", "delay", "every", "cron", "timeZone", "rrule", "startAt", "endAt", "jitter"];

    static readonly string[] NestedFields =
        ["retry.maxAttempts", "retry.initialDelay", "retry.maxDelay", "retry.backoff", "retry.jitter", "concurrency.maxInstances",
         "concurrency.overlap", "misfire.policy", "misfire.graceTime"];

    static readonly string[] Durations =
        ["", "P", "PT", "PT-5S", "-PT5S", "P99999999999D", "PT1.5S", "PT0.0000001S", "P1W", "PT1H1H", "P1Y", "P1M", "PT99999999999999999999S",
         "5 seconds", "00:00:05", "PT1S ", "pt5s", "P10675199D", "P-1D", "PT\u0661S", "PT1E3S", "P1DT", "PTS", "PT0S", "P0D"];

    static readonly string[] Instants =
        ["", "now", "2026-13-01T00:00:00Z", "2099-02-30T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "2099-01-01",
         "2099-01-01T00:00:00+25:00", "2099-01-01T00:00:00", "2099-01-01T24:00:00Z", "1970-01-01T00:00:00Z", "2099-01-01T00:00:00.9999999999Z",
         "+275760-09-13T00:00:00Z", "2099-W01-1", "1e10"];

    static readonly string[] Crons =
        ["", " ", "5-1 * * * *", "0 0 * * 7-1", "*/0 * * * *", "60 * * * *", "* * * *", "* * * * * * *", "@reboot", "@every 5m", "0 0 30 2 *",
         "? * * * *", "5/15 * * * *", "0 0 L,5 * *", "1,,2 * * * *", "0 0 * * 1#9", "\u0663 * * * *", "*/99999999999 * * * *",
         "0 0 * JANUARY *", "0 0 1 1 1 2099", "0\n0 * * *", "${jndi:x} * * * *", new string('*', 5000), "0 0 * * MON-SUN/0",
         "*/5 * * * * ?", "0 0 ? * *", "-1 * * * *", "0-59/60 * * * *", "@yearly @monthly"];

    static readonly string[] TimeZones =
        ["", "UTC", "Etc/GMT+14", "../../etc/passwd", "Europe/Berlin\u0000", "America/Argentina/ComodRivadavia", "Local", "Mars/Olympus",
         "W. Europe Standard Time", "+01:00", "europe/berlin", "Europe/Berlin ", new string('A', 10_000), "Etc/GMT-15"];

    static readonly string[] OddStrings =
        ["", " ", "\u0000", LoneHighSurrogate, LoneLowSurrogate, "\u202Eevil", "\u200B", "e\u0301\u0301\u0301", "\U0001F600\U0001F4A9", "\uFEFF", "\uFFFF",
         "\t\r\n", "null", "true", "0", "NaN", "-Infinity", "'; DROP TABLE jobs; --", "<script>alert(1)</script>", "%s%s%n",
         "../..", "\\u0000", new string('x', 201), new string('y', 70_000), "ÅÄÖ", "\u0130", "noop\u0000", "NOOP", " noop"];

    static readonly string[] Numbers =
        ["0", "-1", "1", "1.5", "-0", "1e308", "-1e308", "1e-308", "9223372036854775808", "-9223372036854775809", "2147483648",
         "4294967296", "1e400", "123456789012345678901234567890", "0.0000000000000000001", "21", "11"];

    // A lone surrogate cannot be written through System.Text.Json, so these stand in for one and become its escape in the text.
    const string LoneHighSurrogate = "@@d800@@";
    const string LoneLowSurrogate = "@@dfff@@";

    readonly Random _random = new(seed);

    /// <summary>A valid job definition, due in the future (never now, so nothing runs while the fuzz goes on).</summary>
    public JsonObject Valid()
    {
        var body = new JsonObject
        {
            ["name"] = $"fuzz {_random.Next(1_000_000)}",
            ["handler"] = Pick(["noop", "fail", "sleep"]),
            ["schedule"] = _random.Next(5) switch
            {
                0 => new JsonObject { ["at"] = new DateTimeOffset(2090 + _random.Next(9), 1 + _random.Next(12), 1 + _random.Next(28), 0, 0, 0, TimeSpan.Zero).ToString("O", CultureInfo.InvariantCulture) },
                1 => new JsonObject { ["delay"] = Pick(["P1D", "P30D", "PT12H"]) },
                2 => new JsonObject { ["every"] = Pick(["PT1H", "P1D"]), ["startAt"] = "2090-01-01T00:00:00Z" },
                3 => new JsonObject { ["cron"] = Pick(["0 9 * * MON-FRI", "*/15 0 1 1 *", "0 0 1 jan *", "@yearly"]), ["timeZone"] = Pick(["Europe/Berlin", "UTC", "America/New_York"]), ["startAt"] = "2090-01-01T00:00:00Z" },
                _ => new JsonObject { ["rrule"] = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9", ["startAt"] = "2090-01-01T00:00:00Z" },
            },
        };
        if (Chance(2))
            body["payload"] = new JsonObject { ["message"] = "boom", ["times"] = 1, ["duration"] = "PT0.01S" };
        if (Chance(2))
            body["priority"] = Pick(["low", "normal", "high", "critical"]);
        if (Chance(3))
            body["retry"] = new JsonObject { ["maxAttempts"] = 1 + _random.Next(20), ["initialDelay"] = "PT1S", ["maxDelay"] = "PT1M", ["backoff"] = Pick(["exponential", "fixed"]), ["jitter"] = Chance(2) };
        if (Chance(3))
            body["timeout"] = Pick(["PT30S", "PT5M"]);
        if (Chance(3))
            body["concurrency"] = new JsonObject { ["maxInstances"] = 1 + _random.Next(10), ["overlap"] = Pick(["skip", "queue", "allow", "replace"]) };
        if (Chance(3))
            body["misfire"] = new JsonObject { ["policy"] = Pick(["fireNow", "skip", "catchUp"]), ["graceTime"] = "PT10M" };
        if (Chance(4))
            body["idempotencyKey"] = $"fuzz-{_random.Next(1_000_000)}";
        if (Chance(3))
            body["metadata"] = new JsonObject { ["team"] = "fuzz" };
        return body;
    }

    /// <summary>
    /// A body to send: usually a valid one mutated one to three times, sometimes one left valid, corrupted text, or
    /// random JSON. <paramref name="mutated"/> is false only for a body left valid.
    /// </summary>
    public string Next(out bool mutated)
    {
        mutated = true;
        var roll = _random.Next(100);
        if (roll < 8)
        {
            mutated = false;
            return Valid().ToJsonString();
        }

        if (roll < 12)
            return RandomJson(depth: 0)?.ToJsonString() ?? "null";

        var body = Valid();
        var mutations = 1 + _random.Next(3);
        for (var i = 0; i < mutations; i++)
            Mutate(body);

        var text = body.ToJsonString().Replace(LoneHighSurrogate, "\\ud800", StringComparison.Ordinal)
            .Replace(LoneLowSurrogate, "\\udfff", StringComparison.Ordinal);
        return _random.Next(10) switch
        {
            0 => text[..(_random.Next(text.Length))],                                 // truncated
            1 => Corrupt(text),                                                      // a few characters changed
            2 => text.Insert(1, $"\"name\": {Pick(["\"first\"", "7", "null"])}, "),  // a duplicate key
            3 => Nest(text, 20 + _random.Next(300)),                                 // deep nesting around a valid body
            _ => text,
        };
    }

    void Mutate(JsonObject body)
    {
        switch (_random.Next(9))
        {
            case 0:
                body[Pick(Fields)] = OddValue();
                break;
            case 1:
                body.Remove(Pick(Fields));
                break;
            case 2:
                body[$"unknown{_random.Next(10)}"] = OddValue();
                break;
            case 3:
                Schedule(body)[Pick(ScheduleFields)] = OddValue();
                break;
            case 4:
                Schedule(body)[Pick(["delay", "every", "jitter"])] = Pick(Durations);
                body[Pick(["timeout", "unknownDuration"])] = Pick(Durations);
                break;
            case 5:
                Schedule(body)[Pick(["at", "startAt", "endAt"])] = Pick(Instants);
                break;
            case 6:
                var schedule = Schedule(body);
                schedule["cron"] = Chance(3) ? RandomCron() : Pick(Crons);
                if (Chance(2))
                    schedule["timeZone"] = Pick(TimeZones);
                break;
            case 7:
                var path = Pick(NestedFields).Split('.');
                var parent = body[path[0]] as JsonObject ?? new JsonObject();
                parent[path[1]] = Chance(2) ? OddValue() : Pick(Durations);
                body[path[0]] = parent;
                break;
            default:
                body["payload"] = Chance(2) ? RandomJson(0) : NestedArrays(10 + _random.Next(200));
                break;
        }
    }

    static JsonObject Schedule(JsonObject body)
    {
        if (body["schedule"] is JsonObject schedule)
            return schedule;
        schedule = [];
        body["schedule"] = schedule;
        return schedule;
    }

    JsonNode? OddValue() => _random.Next(7) switch
    {
        0 => null,
        1 => JsonValue.Create(Chance(2)),
        2 => JsonNode.Parse(Pick(Numbers)),
        3 => JsonValue.Create(Pick(OddStrings)),
        4 => new JsonArray(JsonValue.Create(1), null, JsonValue.Create("x")),
        5 => new JsonObject { ["a"] = new JsonObject { ["b"] = null } },
        _ => RandomJson(0),
    };

    JsonNode? RandomJson(int depth) => _random.Next(depth > 3 ? 4 : 6) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.NextDouble() * Math.Pow(10, _random.Next(-20, 300))),
        2 => JsonValue.Create(Pick(OddStrings)),
        3 => JsonValue.Create(Chance(2)),
        4 => new JsonArray([.. Enumerable.Range(0, _random.Next(4)).Select(_ => RandomJson(depth + 1))]),
        _ => new JsonObject(Enumerable.Range(0, _random.Next(5))
            .Select(i => KeyValuePair.Create(Chance(2) ? Pick(Fields) + i.ToString(CultureInfo.InvariantCulture) : Pick(Fields), RandomJson(depth + 1)))
            .DistinctBy(p => p.Key)),
    };

    string RandomCron()
    {
        string[] atoms = ["*", "?", "L", "W", "#", "-", "/", ",", "0", "1", "5", "7", "12", "23", "31", "59", "60", "MON", "jan", "FRI", "x", " "];
        var fields = 1 + _random.Next(7);
        return string.Join(' ', Enumerable.Range(0, fields).Select(_ => string.Concat(Enumerable.Range(0, 1 + _random.Next(5)).Select(_ => Pick(atoms)))));
    }

    static JsonNode NestedArrays(int depth)
    {
        JsonNode node = JsonValue.Create(1);
        for (var i = 0; i < depth; i++)
            node = new JsonArray(node);
        return node;
    }

    string Corrupt(string text)
    {
        var chars = text.ToCharArray();
        var changes = 1 + _random.Next(4);
        for (var i = 0; i < changes; i++)
            chars[_random.Next(chars.Length)] = Pick(["{", "}", "[", "]", "\"", ",", ":", "\\", "\u0000", "é", "9", " "])[0];
        return new string(chars);
    }

    static string Nest(string text, int depth)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < depth; i++)
            builder.Append("{\"a\":");
        builder.Append(text);
        builder.Append('}', depth);
        return builder.ToString();
    }

    bool Chance(int oneIn) => _random.Next(oneIn) == 0;

    string Pick(string[] values) => values[_random.Next(values.Length)];

    /// <summary>Whether <paramref name="text"/> is a JSON object (nested at most <paramref name="maxDepth"/> deep).</summary>
    public static bool IsJsonObject(string text, int maxDepth = 64)
    {
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = maxDepth });
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scheduler.Cli.Commands;

/// <summary>
/// The fields of a job as flags (<c>jobs create</c>, <c>jobs update</c>): the same names as the API's JSON, laid over
/// the job in <c>--file</c> when one is given.
/// </summary>
public sealed class JobDefinitionOptions
{
    readonly Option<FileInfo?> _file = new("--file", "-f") { Description = "A JSON file with the job, as POST /api/jobs takes it; flags override its fields" };
    readonly Option<string?> _name = new("--name") { Description = "The job's name" };
    readonly Option<string?> _handler = new("--handler") { Description = "The handler that runs it" };
    readonly Option<string?> _cron = new("--cron") { Description = "A cron expression (5 fields, or 6 with seconds)" };
    readonly Option<string?> _timeZone = new("--time-zone") { Description = "The IANA time zone of --cron (default UTC)" };
    readonly Option<string?> _every = new("--every") { Description = "Run every ISO 8601 duration, e.g. PT5M" };
    readonly Option<string?> _delay = new("--delay") { Description = "Run once after an ISO 8601 duration, e.g. PT30S" };
    readonly Option<string?> _at = new("--at") { Description = "Run once at an ISO 8601 instant, e.g. 2026-12-24T18:00:00Z" };
    readonly Option<string?> _payload = new("--payload") { Description = "The handler's input, a JSON object" };
    readonly Option<string?> _priority = new("--priority") { Description = "low, normal, high or critical" };
    readonly Option<string?> _timeout = new("--timeout") { Description = "How long a run may take, ISO 8601" };
    readonly Option<int?> _maxAttempts = new("--max-attempts") { Description = "Attempts per occurrence, retries included" };
    readonly Option<string?> _initialDelay = new("--initial-delay") { Description = "The first retry's backoff, ISO 8601" };
    readonly Option<string?> _backoff = new("--backoff") { Description = "exponential or fixed" };
    readonly Option<string?> _idempotencyKey = new("--idempotency-key") { Description = "The same key again returns the job it created" };
    readonly Option<string?> _alertAfter = new("--alert-after") { Description = "Raise an alert when a run goes on longer than this, ISO 8601" };
    readonly Option<string[]> _metadata = new("--metadata") { Description = "key=value, repeatable", AllowMultipleArgumentsPerToken = false };

    IEnumerable<Option> All => [_file, _name, _handler, _cron, _timeZone, _every, _delay, _at, _payload, _priority, _timeout, _maxAttempts,
        _initialDelay, _backoff, _idempotencyKey, _alertAfter, _metadata];

    /// <summary>Adds the flags to <paramref name="command"/>, with the rule that a job has at most one kind of schedule.</summary>
    public void AddTo(Command command, bool requireHandler)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in All)
            command.Options.Add(option);

        command.Validators.Add(result =>
        {
            var given = new[] { _cron, _every, _delay, _at }.Where(o => result.GetResult(o) is not null).Select(o => o.Name).ToList();
            if (given.Count > 1)
                result.AddError($"Give one schedule, not {string.Join(" and ", given)}.");
            if (result.GetResult(_timeZone) is not null && result.GetResult(_cron) is null)
                result.AddError("--time-zone goes with --cron.");
            if (requireHandler && result.GetResult(_file) is null && (result.GetResult(_handler) is null || result.GetResult(_name) is null))
                result.AddError("Give --name and --handler, or --file with the job.");
        });
    }

    /// <summary>The fields of a job as returned that make its definition, as <c>PUT /api/jobs/{id}</c> takes it whole.</summary>
    static readonly string[] DefinitionFields = ["name", "handler", "payload", "schedule", "priority", "retry", "timeout", "concurrency", "misfire", "metadata", "alertAfter"];

    /// <summary>The job's JSON: the file's, if any, with each flag given laid over it.</summary>
    /// <exception cref="UsageException">The file cannot be read or is not a JSON object, or --payload is not JSON.</exception>
    public JsonObject Build(ParseResult parse) => Build(parse, new JsonObject());

    /// <summary>The definition of <paramref name="current"/> (a job as the API returns it) with the file's fields and the flags laid over it.</summary>
    public JsonObject Change(ParseResult parse, JsonElement current)
    {
        var job = new JsonObject();
        foreach (var name in DefinitionFields)
        {
            if (current.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
                job[name] = JsonNode.Parse(value.GetRawText());
        }

        return Build(parse, job);
    }

    JsonObject Build(ParseResult parse, JsonObject job)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(_file) is { } file)
        {
            foreach (var (name, value) in ReadFile(file))
                job[name] = value?.DeepClone();
        }
        Set(job, "name", parse.GetValue(_name));
        Set(job, "handler", parse.GetValue(_handler));
        Set(job, "priority", parse.GetValue(_priority));
        Set(job, "timeout", parse.GetValue(_timeout));
        Set(job, "idempotencyKey", parse.GetValue(_idempotencyKey));
        Set(job, "alertAfter", parse.GetValue(_alertAfter));
        if (parse.GetValue(_payload) is { } payload)
            job["payload"] = ParseJson(payload, "--payload");

        if (Schedule(parse) is { } schedule)
            job["schedule"] = schedule;

        if (parse.GetValue(_maxAttempts) is not null || parse.GetValue(_initialDelay) is not null || parse.GetValue(_backoff) is not null)
        {
            var retry = job["retry"] as JsonObject ?? new JsonObject();
            if (parse.GetValue(_maxAttempts) is { } attempts)
                retry["maxAttempts"] = attempts;
            Set(retry, "initialDelay", parse.GetValue(_initialDelay));
            Set(retry, "backoff", parse.GetValue(_backoff));
            job["retry"] = retry;
        }

        if (parse.GetValue(_metadata) is { Length: > 0 } pairs)
        {
            var metadata = job["metadata"] as JsonObject ?? new JsonObject();
            foreach (var pair in pairs)
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                    throw new UsageException($"--metadata: '{pair}' is not key=value.");
                metadata[pair[..equals]] = pair[(equals + 1)..];
            }

            job["metadata"] = metadata;
        }

        return job;
    }

    JsonObject? Schedule(ParseResult parse)
    {
        if (parse.GetValue(_cron) is { } cron)
        {
            var schedule = new JsonObject { ["cron"] = cron };
            Set(schedule, "timeZone", parse.GetValue(_timeZone));
            return schedule;
        }

        return parse.GetValue(_every) is { } every ? new JsonObject { ["every"] = every }
            : parse.GetValue(_delay) is { } delay ? new JsonObject { ["delay"] = delay }
            : parse.GetValue(_at) is { } at ? new JsonObject { ["at"] = at }
            : null;
    }

    static JsonObject ReadFile(FileInfo file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file.FullName);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--file: cannot read {file.FullName}: {exception.Message}", exception);
        }

        return ParseJson(text, "--file") as JsonObject ?? throw new UsageException($"--file: {file.FullName} does not hold a JSON object.");
    }

    static JsonNode? ParseJson(string text, string option)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException exception)
        {
            throw new UsageException($"{option}: not JSON: {exception.Message}", exception);
        }
    }

    static void Set(JsonObject target, string name, string? value)
    {
        if (value is not null)
            target[name] = value;
    }
}

using System.Text.Json;
using System.Text.RegularExpressions;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.Scheduling;

namespace Scheduler.Service.Validation;

/// <summary>
/// Checks a <see cref="ScheduleJob"/> field by field. The REST API and the job lifecycle saga use the
/// same rules, so a command is refused the same way whichever door it comes through.
/// </summary>
public sealed partial class ScheduleJobValidator(HandlerCatalog handlers)
{
    public const int MaxNameLength = 200;
    public const int MaxKeyLength = 200;
    public const int MaxTenantLength = 64;

    /// <summary>The most follow-ups a job lists under <c>onSuccess</c>, and under <c>onFailure</c>.</summary>
    public const int MaxFollowUps = 20;

    /// <summary>The longest chain of follow-ups: a job and 127 levels of follow-ups nested under it.</summary>
    public const int MaxChainLength = 128;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex HandlerName();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex TenantName();

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,200}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex JobKey();

    /// <summary>Why a job key is refused, as the field error says.</summary>
    public const string JobKeyRule = "must be 1 to 200 letters, digits, '-', '_', '.' or ':'";

    /// <summary>True when <paramref name="key"/> is a valid job key (see <see cref="ScheduleJob.Key"/>).</summary>
    public static bool IsJobKey(string key) => JobKey().IsMatch(key);

    /// <summary>
    /// A command that left its sender valid may reach the saga a little later: an instant that has just passed in
    /// transit is still accepted on the bus (the job then runs at once) rather than refused.
    /// </summary>
    public static readonly TimeSpan BusTransitTolerance = TimeSpan.FromMinutes(5);

    /// <summary>True when <paramref name="tenantId"/> is a valid tenant name.</summary>
    public static bool IsTenantName(string tenantId) => TenantName().IsMatch(tenantId);

    /// <summary>Validates a command that came over the bus, where the job id is required.</summary>
    public IReadOnlyList<FieldError> ValidateOnBus(ScheduleJob command, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Validate(command, requireJobId: true, clock.GetUtcNow() - BusTransitTolerance);
    }

    public IReadOnlyList<FieldError> Validate(ScheduleJob command, bool requireJobId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new List<FieldError>();

        if (requireJobId && command.JobId == Guid.Empty)
            errors.Add(new("jobId", "is required on the bus: a non-empty GUID"));

        if (string.IsNullOrWhiteSpace(command.TenantId))
            errors.Add(new("tenantId", "must not be empty"));
        else if (!TenantName().IsMatch(command.TenantId))
            errors.Add(new("tenantId", $"must be 1 to {MaxTenantLength} letters, digits, '.', '-' or '_'"));

        if (string.IsNullOrWhiteSpace(command.Name))
            errors.Add(new("name", "is required"));
        else if (command.Name.Length > MaxNameLength)
            errors.Add(new("name", $"must be at most {MaxNameLength} characters"));

        ValidateHandler(command.Handler, errors);
        ValidatePayload(command.Payload, errors);
        errors.AddRange(TimeRuleParser.Parse(command.Schedule, now).Errors);
        ValidateRetry(command.Retry, errors);
        ValidateConcurrency(command.Concurrency, errors);

        if (command.Timeout is { } timeout && timeout <= TimeSpan.Zero)
            errors.Add(new("timeout", "must be a positive duration such as PT30S"));

        if (command.AlertAfter is { } alertAfter && alertAfter <= TimeSpan.Zero)
            errors.Add(new("alertAfter", "must be a positive duration such as PT10M"));

        if (command.Misfire?.GraceTime is { } grace && grace < TimeSpan.Zero)
            errors.Add(new("misfire.graceTime", "must not be negative"));

        if (command.IdempotencyKey is { } key && (key.Length == 0 || key.Length > MaxKeyLength))
            errors.Add(new("idempotencyKey", $"must be 1 to {MaxKeyLength} characters"));

        if (command.Key is { } jobKey && !IsJobKey(jobKey))
            errors.Add(new("key", JobKeyRule));

        if (FollowUpChain.Length(command) is var chain and > MaxChainLength)
            errors.Add(new(FollowUpChain.DeeperField(command),
                $"follow-ups may nest at most {MaxChainLength - 1} levels (a chain of at most {MaxChainLength} jobs); this chain is {chain} jobs long"));
        else
        {
            ValidateFollowUps("onSuccess", command.OnSuccess, command.TenantId, now, errors);
            ValidateFollowUps("onFailure", command.OnFailure, command.TenantId, now, errors);
        }

        ValidateText("name", command.Name, errors);
        ValidateText("idempotencyKey", command.IdempotencyKey, errors);
        errors.AddRange(JobMetadataRules.Validate(command.Metadata));

        return errors;
    }

    /// <summary>Each follow-up is validated as a job of its own (of the parent's tenant); its errors name it, as <c>onSuccess[0].handler</c>.</summary>
    void ValidateFollowUps(string field, IReadOnlyList<ScheduleJob>? followUps, string? tenantId, DateTimeOffset now, List<FieldError> errors)
    {
        if (followUps is null)
            return;
        if (followUps.Count > MaxFollowUps)
        {
            errors.Add(new(field, $"may list at most {MaxFollowUps} jobs"));
            return;
        }

        var tenant = tenantId is not null && TenantName().IsMatch(tenantId) ? tenantId : Tenants.Default;
        for (var i = 0; i < followUps.Count; i++)
        {
            if (followUps[i] is not { } followUp)
            {
                errors.Add(new($"{field}[{i}]", "must be a job definition (a JSON object with the fields of ScheduleJob)"));
                continue;
            }

            foreach (var error in Validate(followUp with { JobId = default, TenantId = tenant }, requireJobId: false, now))
                errors.Add(new($"{field}[{i}].{error.Field}", error.Reason));
        }
    }

    void ValidateHandler(string? handler, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(handler))
            errors.Add(new("handler", "is required"));
        else if (!HandlerName().IsMatch(handler))
            errors.Add(new("handler", "must be 1 to 64 lowercase letters, digits, '.', '-' or '_'"));
        else if (!handlers.IsKnown(handler))
            errors.Add(new("handler", $"'{handler}' is not a known handler; known: {string.Join(", ", handlers.Names.Order(StringComparer.Ordinal))}"));
    }

    static void ValidatePayload(JsonElement? payload, List<FieldError> errors)
    {
        if (payload is { } value && value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            errors.Add(new("payload", "must be a JSON object"));
        else if (payload is { } text && !UnicodeJsonElementConverter.IsValidUnicode(text))
            errors.Add(new("payload", "has a string that is not valid Unicode (an unpaired surrogate such as \\ud800)"));
        else if (payload is { } stored && stored.GetRawText().Contains("\\u0000", StringComparison.Ordinal)
                 && !UnicodeJsonElementConverter.EveryText(stored, t => !t.Contains('\0', StringComparison.Ordinal)))
            errors.Add(new("payload", NulReason));
    }

    // PostgreSQL stores neither text nor jsonb with the character U+0000 in it.
    internal const string NulReason = "must not contain the character U+0000 (\\u0000)";

    static void ValidateText(string field, string? value, List<FieldError> errors)
    {
        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
            errors.Add(new(field, NulReason));
    }

    static void ValidateRetry(RetryPolicy? retry, List<FieldError> errors)
    {
        if (retry is null)
            return;

        if (retry.MaxAttempts is { } attempts && attempts is < 1 or > 20)
            errors.Add(new("retry.maxAttempts", "must be between 1 and 20"));
        if (retry.InitialDelay is { } initial && initial < TimeSpan.Zero)
            errors.Add(new("retry.initialDelay", "must not be negative"));
        if (retry.MaxDelay is { } max && max < TimeSpan.Zero)
            errors.Add(new("retry.maxDelay", "must not be negative"));
        if (retry is { InitialDelay: { } from, MaxDelay: { } to } && to < from)
            errors.Add(new("retry.maxDelay", "must not be shorter than retry.initialDelay"));
    }

    static void ValidateConcurrency(ConcurrencyPolicy? concurrency, List<FieldError> errors)
    {
        if (concurrency?.MaxInstances is { } instances && instances is < 1 or > 10)
            errors.Add(new("concurrency.maxInstances", "must be between 1 and 10"));
    }
}

using System.Globalization;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.Scheduling.TimeRules;

namespace Scheduler.Service.Scheduling;

/// <summary>
/// The next occurrences of a cron, interval or recurrence rule, as a job scheduled at <c>from</c> would have them:
/// what <c>GET /api/schedules/preview</c> shows. Valid when <see cref="Rule"/> is set, otherwise see <see cref="Errors"/>
/// (fields named as in the query: <c>cron</c>, <c>every</c>, <c>rrule</c>, <c>timeZone</c>, <c>from</c>, <c>count</c>,
/// <c>startAt</c>, <c>endAt</c>).
/// </summary>
public sealed record SchedulePreview
{
    public const int DefaultCount = 10;
    public const int MaxCount = 100;

    SchedulePreview(TimeRule? rule, IReadOnlyList<DateTimeOffset> occurrences, IReadOnlyList<FieldError> errors)
    {
        Rule = rule;
        Occurrences = occurrences;
        Errors = errors;
    }

    /// <summary>The rule previewed; null when the request is invalid.</summary>
    public TimeRule? Rule { get; }

    /// <summary>The occurrences strictly after <c>from</c>, in UTC, oldest first; fewer than asked when the rule ends.</summary>
    public IReadOnlyList<DateTimeOffset> Occurrences { get; }

    /// <summary>Why the request is invalid; empty when it is valid.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>Previews <paramref name="request"/>, reading a missing <c>from</c> as <paramref name="now"/> to the whole second.</summary>
    public static SchedulePreview Create(SchedulePreviewRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();

        var rules = new[] { request.Cron, request.Every, request.Rrule }.Count(r => r is not null);
        if (rules != 1)
            errors.Add(new("cron", "give exactly one of cron, every or rrule"));

        TimeSpan? every = null;
        if (request.Every is { } text)
        {
            if (IsoDuration.TryParse(text, out var interval))
                every = interval;
            else
                errors.Add(new("every", $"'{text}' is not an ISO 8601 duration such as PT15M or P1D"));
        }

        // A default "from" to the whole second, so that an interval anchored there lists readable instants.
        var from = ReadInstant(request.From, "from", errors) ?? TimeRuleParser.ToWholeSecond(now);
        var startAt = ReadInstant(request.StartAt, "startAt", errors);
        var endAt = ReadInstant(request.EndAt, "endAt", errors);
        var ruleReadable = errors.Count == 0;

        var count = DefaultCount;
        if (request.Count is { } countText
            && (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxCount))
            errors.Add(new("count", $"must be a whole number from 1 to {MaxCount}"));

        var dst = ReadDst(request, errors);

        // The rule is checked even when only the count is wrong, so that one answer names every problem.
        TimeRule? rule = null;
        if (ruleReadable)
        {
            var schedule = new JobSchedule
            {
                Cron = request.Cron, Every = every, Rrule = request.Rrule, TimeZone = request.TimeZone, StartAt = startAt, EndAt = endAt, Dst = dst,
            };
            var parsed = TimeRuleParser.Read(schedule, from, fieldPrefix: "", nowName: "from");
            errors.AddRange(parsed.Errors);
            rule = (parsed.Timing as ScheduledTiming.Recurring)?.Rule;
        }

        if (errors.Count > 0 || rule is null)
            return Invalid(errors);

        var occurrences = new List<DateTimeOffset>(count);
        for (var next = rule.NextAfter(from); next is { } due && occurrences.Count < count; next = rule.NextAfter(due))
            occurrences.Add(due);

        return new SchedulePreview(rule, occurrences, []);
    }

    // The DST choice applies to cron only; the parser would name the schedule's field "dst", so the query's own names are checked here.
    static DaylightSavingPolicy? ReadDst(SchedulePreviewRequest request, List<FieldError> errors)
    {
        if (request.DstSkipped is null && request.DstRepeated is null)
            return null;

        var skipped = request.DstSkipped is { } skippedText ? DstChoice.ReadSkipped(skippedText) : null;
        if (request.DstSkipped is not null && skipped is null)
            errors.Add(new("dstSkipped", $"'{request.DstSkipped}' is not a choice: use runAfter or skip"));
        var repeated = request.DstRepeated is { } repeatedText ? DstChoice.ReadRepeated(repeatedText) : null;
        if (request.DstRepeated is not null && repeated is null)
            errors.Add(new("dstRepeated", $"'{request.DstRepeated}' is not a choice: use first or both"));

        if (request.Cron is not null)
            return new DaylightSavingPolicy { Skipped = skipped, Repeated = repeated };

        errors.Add(new(request.DstSkipped is null ? "dstRepeated" : "dstSkipped", "applies only to cron"));
        return null;
    }

    static SchedulePreview Invalid(IReadOnlyList<FieldError> errors) => new(null, [], errors);

    static DateTimeOffset? ReadInstant(string? text, string field, List<FieldError> errors)
    {
        if (text is null)
            return null;

        // An unencoded '+' in a query string arrives as a space ("...T09:00:00 01:00"); read it as the '+' it was.
        var repaired = text.Trim().Replace(' ', '+');
        if (HasOffset(repaired)
            && DateTimeOffset.TryParse(repaired, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
            return instant;

        errors.Add(new(field, $"'{text}' is not an ISO 8601 instant with an offset, such as 2026-03-29T01:30:00Z or 2026-03-29T02:30:00%2B01:00"));
        return null;
    }

    // An instant without an offset is a local time of an unknown zone: refuse it rather than guess.
    static bool HasOffset(string text)
    {
        var time = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        return time > 0 && (text.EndsWith('Z') || text.EndsWith('z') || text.AsSpan(time).IndexOfAny('+', '-') > 0);
    }
}

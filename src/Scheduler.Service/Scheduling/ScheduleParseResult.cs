using System.Diagnostics.CodeAnalysis;
using Scheduler.Contracts;

namespace Scheduler.Service.Scheduling;

/// <summary>
/// What <see cref="TimeRuleParser.Parse"/> made of a schedule: the <see cref="Timing"/> when it is valid,
/// otherwise the <see cref="Errors"/>, each naming a field (<c>schedule.cron</c>) and the reason.
/// </summary>
public sealed record ScheduleParseResult
{
    ScheduleParseResult(ScheduledTiming? timing, IReadOnlyList<FieldError> errors)
    {
        Timing = timing;
        Errors = errors;
    }

    /// <summary>When the job runs; null when the schedule is invalid.</summary>
    public ScheduledTiming? Timing { get; }

    /// <summary>Why the schedule is invalid; empty when it is valid.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Timing))]
    public bool IsValid => Timing is not null;

    public static ScheduleParseResult Valid(ScheduledTiming timing)
    {
        ArgumentNullException.ThrowIfNull(timing);
        return new(timing, []);
    }

    public static ScheduleParseResult Invalid(IReadOnlyList<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count, nameof(errors));
        return new(null, errors);
    }
}

using Scheduler.Contracts;
using Scheduler.Service.Scheduling;
using Scheduler.Service.Scheduling.TimeRules;
using static Scheduler.UnitTests.Service.Scheduling.TimeRules.Occurrences;

namespace Scheduler.UnitTests.Service.Scheduling;

public sealed class TimeRuleParserTests
{
    static readonly DateTimeOffset Now = Utc("2026-01-01T12:00:00.250Z");

    static FieldError SingleError(JobSchedule schedule)
    {
        var result = TimeRuleParser.Parse(schedule, Now);
        Assert.False(result.IsValid);
        return Assert.Single(result.Errors);
    }

    static T TimingOf<T>(JobSchedule? schedule) where T : ScheduledTiming
    {
        var result = TimeRuleParser.Parse(schedule, Now);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Empty(result.Errors);
        return Assert.IsType<T>(result.Timing);
    }

    [Fact]
    public void No_schedule_or_an_empty_one_runs_now()
    {
        TimingOf<ScheduledTiming.Immediate>(null);
        TimingOf<ScheduledTiming.Immediate>(new JobSchedule());
    }

    [Fact]
    public void At_runs_once_at_that_instant_in_utc()
    {
        var timing = TimingOf<ScheduledTiming.OneTime>(new JobSchedule { At = Utc("2026-01-02T10:00:00+01:00") });

        Assert.Equal(Utc("2026-01-02T09:00:00Z"), timing.DueAt);
        Assert.Equal(TimeSpan.Zero, timing.DueAt.Offset);
    }

    [Fact]
    public void Delay_runs_once_that_long_after_now() =>
        Assert.Equal(Now.AddMinutes(5), TimingOf<ScheduledTiming.OneTime>(new JobSchedule { Delay = TimeSpan.FromMinutes(5) }).DueAt);

    [Fact]
    public void Every_is_anchored_now_to_the_whole_second_so_its_first_run_is_one_interval_later()
    {
        var rule = Assert.IsType<IntervalTimeRule>(TimingOf<ScheduledTiming.Recurring>(new JobSchedule { Every = TimeSpan.FromMinutes(10) }).Rule);

        Assert.Equal(Utc("2026-01-01T12:00:00Z"), rule.StartAt);
        Assert.Equal(Utc("2026-01-01T12:10:00Z"), rule.NextAfter(Now));
    }

    [Fact]
    public void Every_with_a_start_is_anchored_at_the_start()
    {
        var start = Utc("2026-01-02T09:00:00Z");
        var rule = TimingOf<ScheduledTiming.Recurring>(new JobSchedule { Every = TimeSpan.FromHours(1), StartAt = start }).Rule;

        Assert.Equal(start, rule.NextAfter(Now));
    }

    [Fact]
    public void Cron_is_read_in_its_time_zone_and_bounded_by_start_and_end()
    {
        var schedule = new JobSchedule
        {
            Cron = "30 9 * * *", TimeZone = "Europe/Berlin", StartAt = Utc("2026-01-05T00:00:00Z"), EndAt = Utc("2026-01-07T00:00:00Z"),
        };

        var rule = Assert.IsType<CronTimeRule>(TimingOf<ScheduledTiming.Recurring>(schedule).Rule);

        Assert.Equal("Europe/Berlin", rule.TimeZoneId);
        Assert.Equal(Utc("2026-01-05T08:30:00Z", "2026-01-06T08:30:00Z"), Take(rule, Now, 10));
    }

    [Fact]
    public void Cron_without_a_time_zone_is_read_in_utc()
    {
        var rule = TimingOf<ScheduledTiming.Recurring>(new JobSchedule { Cron = "0 13 * * *" }).Rule;

        Assert.Equal("UTC", rule.TimeZoneId);
        Assert.Equal(Utc("2026-01-01T13:00:00Z"), rule.NextAfter(Now));
    }

    [Fact]
    public void Rrule_starts_now_to_the_whole_second_when_no_start_is_given()
    {
        var rule = Assert.IsType<RecurrenceTimeRule>(TimingOf<ScheduledTiming.Recurring>(new JobSchedule { Rrule = "FREQ=HOURLY" }).Rule);

        Assert.Equal(Utc("2026-01-01T12:00:00Z"), rule.StartAt);
        Assert.Equal(Utc("2026-01-01T13:00:00Z"), rule.NextAfter(Now));
    }

    [Fact]
    public void Rrule_is_read_in_its_time_zone()
    {
        var schedule = new JobSchedule { Rrule = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0", TimeZone = "America/New_York" };

        Assert.Equal(Utc("2026-01-05T14:00:00Z"), TimingOf<ScheduledTiming.Recurring>(schedule).Rule.NextAfter(Now));
    }

    [Fact]
    public void Jitter_is_carried_with_the_timing() =>
        Assert.Equal(TimeSpan.FromSeconds(30),
            TimingOf<ScheduledTiming.Recurring>(new JobSchedule { Cron = "@hourly", Jitter = TimeSpan.FromSeconds(30) }).Jitter);

    [Fact]
    public void Only_one_kind_of_schedule_may_be_given()
    {
        var error = SingleError(new JobSchedule { Cron = "@daily", Every = TimeSpan.FromHours(1) });

        Assert.Equal("schedule", error.Field);
        Assert.StartsWith("give only one of at, delay, every, cron, rrule", error.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<JobSchedule, string, string> InvalidSchedules => new()
    {
        { new JobSchedule { At = Now }, "schedule.at", "must be in the future" },
        { new JobSchedule { At = Now.AddDays(-1) }, "schedule.at", "must be in the future" },
        { new JobSchedule { Delay = TimeSpan.Zero }, "schedule.delay", "must be a positive duration" },
        { new JobSchedule { Delay = TimeSpan.FromSeconds(-1) }, "schedule.delay", "must be a positive duration" },
        { new JobSchedule { Delay = TimeSpan.MaxValue }, "schedule.delay", "is too long" },
        { new JobSchedule { Every = TimeSpan.FromMilliseconds(999) }, "schedule.every", "must be at least PT1S" },
        { new JobSchedule { Every = TimeSpan.Zero }, "schedule.every", "must be at least PT1S" },
        { new JobSchedule { Cron = "61 * * * *" }, "schedule.cron",
            "'61 * * * *' is not a valid cron expression: the minute field '61': 61 is out of range: minute values are from 0 to 59" },
        { new JobSchedule { Cron = "0 0 30 2 *" }, "schedule.cron", "'0 0 30 2 *' has no occurrence after now" },
        { new JobSchedule { Cron = "0 9 * * *", EndAt = Now.AddHours(1) }, "schedule.cron", "'0 9 * * *' has no occurrence after now and before schedule.endAt" },
        { new JobSchedule { Rrule = "FREQ=SOMETIMES" }, "schedule.rrule", "'FREQ=SOMETIMES' is not a valid recurrence rule: Unknown FREQ value: 'SOMETIMES'" },
        { new JobSchedule { Rrule = "FREQ=DAILY;UNTIL=20251231T000000Z" }, "schedule.rrule", "has no occurrence after now" },
        { new JobSchedule { Cron = "@daily", TimeZone = "Mars/Olympus" }, "schedule.timeZone", "'Mars/Olympus' is not a known IANA time zone" },
        { new JobSchedule { Cron = "@daily", TimeZone = "W. Europe Standard Time" }, "schedule.timeZone", "use the IANA id Europe/Berlin" },
        { new JobSchedule { Cron = "@daily", TimeZone = "" }, "schedule.timeZone", "must be an IANA time zone" },
        { new JobSchedule { Every = TimeSpan.FromHours(1), TimeZone = "Europe/Berlin" }, "schedule.timeZone", "applies only to cron and rrule" },
        { new JobSchedule { TimeZone = "Europe/Berlin" }, "schedule.timeZone", "applies only to cron and rrule" },
        { new JobSchedule { At = Now.AddDays(1), StartAt = Now }, "schedule.startAt", "applies only to recurring schedules" },
        { new JobSchedule { Delay = TimeSpan.FromMinutes(1), EndAt = Now.AddDays(1) }, "schedule.endAt", "applies only to recurring schedules" },
        { new JobSchedule { Cron = "@daily", StartAt = Now.AddDays(2), EndAt = Now.AddDays(1) }, "schedule.endAt", "must be after schedule.startAt" },
        { new JobSchedule { Cron = "@daily", StartAt = Now.AddDays(1), EndAt = Now.AddDays(1) }, "schedule.endAt", "must be after schedule.startAt" },
        { new JobSchedule { Every = TimeSpan.FromHours(1), EndAt = Now.AddDays(-1) }, "schedule.endAt", "must be after now" },
        { new JobSchedule { Cron = "@daily", Jitter = TimeSpan.FromSeconds(-1) }, "schedule.jitter", "must not be negative" },
        { new JobSchedule { Jitter = TimeSpan.FromSeconds(5) }, "schedule.jitter", "applies only to a timed schedule" },
        { new JobSchedule { Cron = "@daily", Jitter = TimeSpan.MaxValue }, "schedule.jitter", "must be at most P7D" },
        { new JobSchedule { At = Utc("9999-12-31T23:59:59Z") }, "schedule.at", "must be before 9000-01-01" },
        { new JobSchedule { Every = TimeSpan.FromHours(1), StartAt = Utc("9999-12-31T23:59:59Z") }, "schedule.startAt", "must be before 9000-01-01" },
        { new JobSchedule { Cron = "@yearly", StartAt = Utc("9999-12-31T23:59:59Z") }, "schedule.startAt", "must be before 9000-01-01" },
        { new JobSchedule { Cron = "0 9 * * MON-FRI", TimeZone = "America/New_York", StartAt = Utc("8999-12-31T23:59:59Z") }, "schedule.cron",
            "has no occurrence" },
        { new JobSchedule { Rrule = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9", StartAt = DateTimeOffset.MinValue }, "schedule.rrule", "cannot start at schedule.startAt" },
    };

    [Theory]
    [MemberData(nameof(InvalidSchedules))]
    public void An_invalid_schedule_names_the_field_and_the_reason(JobSchedule schedule, string field, string reason)
    {
        var error = SingleError(schedule);

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = TimeRuleParser.Parse(new JobSchedule { At = Now, TimeZone = "Mars/Olympus", Jitter = TimeSpan.FromSeconds(-1) }, Now);

        Assert.Equal(["schedule.jitter", "schedule.timeZone", "schedule.at"], result.Errors.Select(e => e.Field));
    }

    public static TheoryData<JobSchedule> RecurringSchedules => new()
    {
        new JobSchedule { Cron = "*/2 * * * * *", TimeZone = "Europe/Berlin" },
        new JobSchedule { Cron = "0 9 * * MON-FRI", TimeZone = "America/New_York", StartAt = Now.AddDays(3), EndAt = Now.AddDays(30) },
        new JobSchedule { Every = TimeSpan.FromMinutes(90) },
        new JobSchedule { Every = TimeSpan.FromDays(1), StartAt = Now.AddDays(-10), EndAt = Now.AddDays(10) },
        new JobSchedule { Rrule = "FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=17;BYMINUTE=0;BYSECOND=0", TimeZone = "Europe/Berlin" },
        new JobSchedule { Rrule = "FREQ=DAILY;COUNT=5", StartAt = Now.AddDays(-2) },
    };

    [Theory]
    [MemberData(nameof(RecurringSchedules))]
    public void A_stored_rule_comes_back_the_same(JobSchedule schedule)
    {
        var rule = TimingOf<ScheduledTiming.Recurring>(schedule).Rule;

        var stored = TimeRuleParser.FromStored(rule.Expression, rule.TimeZoneId, rule.StartAt, rule.EndAt);

        Assert.Equal(rule.GetType(), stored.GetType());
        Assert.Equal((rule.Expression, rule.TimeZoneId, rule.StartAt, rule.EndAt), (stored.Expression, stored.TimeZoneId, stored.StartAt, stored.EndAt));
        Assert.Equal(Take(rule, Now, 20), Take(stored, Now, 20));
    }

    [Theory]
    [InlineData("0 9 * * *", null, null)]
    [InlineData("cron:61 * * * *", null, null)]
    [InlineData("cron:0 9 * * *", "Mars/Olympus", null)]
    [InlineData("every:PT0S", null, "2026-01-01T00:00:00Z")]
    [InlineData("every:soon", null, "2026-01-01T00:00:00Z")]
    [InlineData("every:PT1M", null, null)]
    [InlineData("rrule:FREQ=DAILY", null, null)]
    [InlineData("rrule:FREQ=SOMETIMES", null, "2026-01-01T00:00:00Z")]
    public void An_invalid_stored_rule_is_a_format_exception(string expression, string? timeZone, string? startAt) =>
        Assert.Throws<FormatException>(() => TimeRuleParser.FromStored(expression, timeZone, startAt is null ? null : Utc(startAt), null));

    [Fact]
    public void A_stored_window_with_its_end_before_its_start_is_a_format_exception() =>
        Assert.Throws<FormatException>(() => TimeRuleParser.FromStored("cron:@daily", null, Now, Now.AddDays(-1)));
}

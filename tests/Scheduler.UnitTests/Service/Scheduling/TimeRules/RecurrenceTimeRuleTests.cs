using Scheduler.Service.Scheduling.TimeRules;
using static Scheduler.UnitTests.Service.Scheduling.TimeRules.Occurrences;

namespace Scheduler.UnitTests.Service.Scheduling.TimeRules;

public sealed class RecurrenceTimeRuleTests
{
    static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    static readonly DateTimeOffset NewYearInBerlin = Utc("2026-01-01T00:00:00+01:00");

    [Fact]
    public void A_weekly_rule_fires_on_its_days_at_its_wall_clock_time_in_its_zone()
    {
        var rule = RecurrenceTimeRule.Parse("FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9;BYMINUTE=0;BYSECOND=0", Berlin, NewYearInBerlin);

        // 09:00 CET is 08:00Z; Monday 5th, Wednesday 7th, Monday 12th.
        Assert.Equal(Utc("2026-01-05T08:00:00Z", "2026-01-07T08:00:00Z", "2026-01-12T08:00:00Z"), Take(rule, NewYearInBerlin, 3));
        // 09:00 CEST is 07:00Z.
        Assert.Equal(Utc("2026-07-01T07:00:00Z"), rule.NextAfter(Utc("2026-06-30T00:00:00Z")));
    }

    [Fact]
    public void Count_ends_the_rule_after_that_many_occurrences_counted_from_the_start()
    {
        var rule = RecurrenceTimeRule.Parse("FREQ=DAILY;COUNT=3;BYHOUR=9;BYMINUTE=0;BYSECOND=0", Berlin, NewYearInBerlin);

        Assert.Equal(Utc("2026-01-01T08:00:00Z", "2026-01-02T08:00:00Z", "2026-01-03T08:00:00Z"), Take(rule, NewYearInBerlin, 10));
        Assert.Equal(Utc("2026-01-03T08:00:00Z"), rule.NextAfter(Utc("2026-01-02T12:00:00Z")));
        Assert.Null(rule.NextAfter(Utc("2026-01-03T08:00:00Z")));
    }

    [Fact]
    public void Until_ends_the_rule_inclusively()
    {
        var rule = RecurrenceTimeRule.Parse("FREQ=DAILY;UNTIL=20260103T090000Z", TimeZoneInfo.Utc, Utc("2026-01-01T09:00:00Z"));

        Assert.Equal(Utc("2026-01-01T09:00:00Z", "2026-01-02T09:00:00Z", "2026-01-03T09:00:00Z"), Take(rule, Utc("2026-01-01T00:00:00Z"), 10));
    }

    [Fact]
    public void The_time_of_day_comes_from_the_start_when_the_rule_gives_none()
    {
        var rule = RecurrenceTimeRule.Parse("RRULE:FREQ=DAILY", TimeZoneInfo.Utc, Utc("2026-01-01T12:34:56Z"));

        Assert.Equal(Utc("2026-01-02T12:34:56Z", "2026-01-03T12:34:56Z"), Take(rule, Utc("2026-01-01T12:34:56Z"), 2));
    }

    [Fact]
    public void A_start_with_a_fraction_of_a_second_is_still_inclusive()
    {
        // Quartz drops DTSTART's fraction; an occurrence just before the start must not come back.
        var rule = RecurrenceTimeRule.Parse("FREQ=DAILY", TimeZoneInfo.Utc, Utc("2026-01-01T12:00:00.500Z"));

        Assert.Equal(Utc("2026-01-02T12:00:00Z"), rule.NextAfter(Utc("2026-01-01T00:00:00Z")));
    }

    [Fact]
    public void A_start_the_rule_does_not_match_is_not_an_occurrence()
    {
        var rule = RecurrenceTimeRule.Parse("FREQ=WEEKLY;BYDAY=MO", TimeZoneInfo.Utc, Utc("2026-01-01T00:00:00Z"));

        Assert.Equal(Utc("2026-01-05T00:00:00Z"), rule.NextAfter(Utc("2025-12-01T00:00:00Z")));
    }

    [Fact]
    public void The_rule_ends_before_its_end()
    {
        var rule = RecurrenceTimeRule.Parse("FREQ=DAILY", TimeZoneInfo.Utc, Utc("2026-01-01T09:00:00Z"), endAt: Utc("2026-01-03T09:00:00Z"));

        Assert.Equal(Utc("2026-01-01T09:00:00Z", "2026-01-02T09:00:00Z"), Take(rule, Utc("2026-01-01T00:00:00Z"), 10));
    }

    [Fact]
    public void A_time_skipped_by_spring_forward_is_read_with_the_offset_before_the_gap_as_rfc_5545_says()
    {
        var rule = RecurrenceTimeRule.Parse("FREQ=DAILY;BYHOUR=2;BYMINUTE=30;BYSECOND=0", Berlin, Utc("2026-03-27T00:00:00+01:00"));

        // 02:30 CET on the 29th does not exist: it is read as 02:30+01:00, which is 03:30 CEST. Cron would say 03:00.
        Assert.Equal(Utc("2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"), Take(rule, Utc("2026-03-28T00:00:00Z"), 3));
    }

    [Fact]
    public void A_time_repeated_by_fall_back_runs_once_at_its_first_occurrence()
    {
        var rule = RecurrenceTimeRule.Parse("FREQ=DAILY;BYHOUR=2;BYMINUTE=30;BYSECOND=0", Berlin, Utc("2026-10-20T00:00:00+02:00"));

        Assert.Equal(Utc("2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"), Take(rule, Utc("2026-10-24T00:00:00Z"), 3));
    }

    [Theory]
    [InlineData("FREQ=SOMETIMES", "'FREQ=SOMETIMES' is not a valid recurrence rule: Unknown FREQ value: 'SOMETIMES'")]
    [InlineData("BYDAY=MO", "must contain a FREQ")]
    [InlineData("FREQ=WEEKLY;BYDAY=XX", "Invalid day abbreviation in BYDAY: 'XX'")]
    [InlineData("FREQ=DAILY;COUNT=2;UNTIL=20260105T000000Z", "must not contain both COUNT and UNTIL")]
    [InlineData("FREQ=DAILY;INTERVAL=0", "INTERVAL must be >= 1")]
    [InlineData("FREQ=DAILY;BYHOUR=25", "BYHOUR value 25 is out of range")]
    [InlineData("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=31", "it names a date that does not exist")]
    [InlineData("  ", "it is empty")]
    public void An_invalid_rule_is_refused_with_a_readable_reason(string rule, string reason)
    {
        var error = Assert.Throws<FormatException>(() => RecurrenceTimeRule.Parse(rule, Berlin, NewYearInBerlin));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stored_expression_is_the_rule_as_written()
    {
        var rule = RecurrenceTimeRule.Parse(" FREQ=WEEKLY;BYDAY=MO ", Berlin, NewYearInBerlin);

        Assert.Equal("rrule:FREQ=WEEKLY;BYDAY=MO", rule.Expression);
        Assert.Equal("Europe/Berlin", rule.TimeZoneId);
        Assert.Equal(NewYearInBerlin, rule.StartAt);
    }

    [Fact]
    public void The_rule_can_be_walked_from_many_threads_at_once()
    {
        var rule = RecurrenceTimeRule.Parse("FREQ=MINUTELY;INTERVAL=15", Berlin, NewYearInBerlin);
        var expected = Take(rule, NewYearInBerlin, 200);

        var results = Enumerable.Range(0, 8).AsParallel().Select(_ => Take(rule, NewYearInBerlin, 200)).ToList();

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}

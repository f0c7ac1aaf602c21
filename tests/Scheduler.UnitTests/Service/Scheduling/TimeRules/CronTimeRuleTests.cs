using Scheduler.Service.Scheduling.TimeRules;
using static Scheduler.UnitTests.Service.Scheduling.TimeRules.Occurrences;

namespace Scheduler.UnitTests.Service.Scheduling.TimeRules;

public sealed class CronTimeRuleTests
{
    // 2026-01-01 is a Thursday.
    static readonly DateTimeOffset NewYear = Utc("2026-01-01T00:00:00Z");
    static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    static IReadOnlyList<DateTimeOffset> Next(string expression, DateTimeOffset from, int count, TimeZoneInfo? zone = null) =>
        Take(CronTimeRule.Parse(expression, zone ?? TimeZoneInfo.Utc), from, count);

    [Theory]
    [InlineData("30 4 * * *", new[] { "2026-01-01T04:30:00Z", "2026-01-02T04:30:00Z" })]                            // single values
    [InlineData("0,30 * * * *", new[] { "2026-01-01T00:30:00Z", "2026-01-01T01:00:00Z", "2026-01-01T01:30:00Z" })]   // list
    [InlineData("0 9-11 * * *", new[] { "2026-01-01T09:00:00Z", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z", "2026-01-02T09:00:00Z" })] // range
    [InlineData("*/20 * * * *", new[] { "2026-01-01T00:20:00Z", "2026-01-01T00:40:00Z", "2026-01-01T01:00:00Z" })]   // step
    [InlineData("0 0-12/6 * * *", new[] { "2026-01-01T06:00:00Z", "2026-01-01T12:00:00Z", "2026-01-02T00:00:00Z" })] // range with step
    [InlineData("* * * * *", new[] { "2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z" })]                              // every minute
    [InlineData("0 0 1 jan,Jul *", new[] { "2026-07-01T00:00:00Z", "2027-01-01T00:00:00Z" })]                        // month names, any case
    [InlineData("0 9 * * mon-FRI", new[] { "2026-01-01T09:00:00Z", "2026-01-02T09:00:00Z", "2026-01-05T09:00:00Z" })] // day names, any case
    [InlineData("0 9 * * 1", new[] { "2026-01-05T09:00:00Z", "2026-01-12T09:00:00Z" })]                              // crontab numbering: 1 is Monday
    [InlineData("0 9 * * 0", new[] { "2026-01-04T09:00:00Z", "2026-01-11T09:00:00Z" })]                              // 0 is Sunday
    [InlineData("0 9 * * 7", new[] { "2026-01-04T09:00:00Z", "2026-01-11T09:00:00Z" })]                              // so is 7
    [InlineData("0 9 * * sun", new[] { "2026-01-04T09:00:00Z", "2026-01-11T09:00:00Z" })]
    [InlineData("0 12 L * *", new[] { "2026-01-31T12:00:00Z", "2026-02-28T12:00:00Z" })]                             // Quartz's L: last day of the month
    public void Five_field_expressions_fire_at_the_expected_instants(string expression, string[] expected) =>
        Assert.Equal(Utc(expected), Next(expression, NewYear, expected.Length));

    [Theory]
    [InlineData("@yearly", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z")]
    [InlineData("@annually", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z")]
    [InlineData("@monthly", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z")]
    [InlineData("@weekly", "2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z")]
    [InlineData("@daily", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z")]
    [InlineData("@midnight", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z")]
    [InlineData("@hourly", "2026-01-01T01:00:00Z", "2026-01-01T02:00:00Z")]
    [InlineData("@Daily", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z")]
    public void Each_macro_fires_as_in_vixie_cron(string macro, string first, string second) =>
        Assert.Equal(Utc(first, second), Next(macro, NewYear, 2));

    [Theory]
    [InlineData("*/2 * * * * *", new[] { "2026-01-01T00:00:02Z", "2026-01-01T00:00:04Z", "2026-01-01T00:00:06Z" })]
    [InlineData("30 0 9 * * *", new[] { "2026-01-01T09:00:30Z", "2026-01-02T09:00:30Z" })]
    [InlineData("15,45 0 0 * * 1", new[] { "2026-01-05T00:00:15Z", "2026-01-05T00:00:45Z", "2026-01-12T00:00:15Z" })] // day-of-week stays crontab: 1 is Monday
    [InlineData("0-10/5 0 0 * * 7", new[] { "2026-01-04T00:00:00Z", "2026-01-04T00:00:05Z", "2026-01-04T00:00:10Z" })]
    public void A_sixth_leading_field_gives_the_seconds(string expression, string[] expected) =>
        Assert.Equal(Utc(expected), Next(expression, NewYear, expected.Length));

    [Fact]
    public void When_both_day_fields_are_restricted_a_day_matching_either_fires()
    {
        // Fridays, and the 13th (a Tuesday in January 2026).
        var expected = Utc("2026-01-02T00:00:00Z", "2026-01-09T00:00:00Z", "2026-01-13T00:00:00Z", "2026-01-16T00:00:00Z");

        Assert.Equal(expected, Next("0 0 13 * 5", NewYear, 4));
    }

    [Fact]
    public void A_friday_the_13th_fires_once()
    {
        var fromFebruary = Next("0 0 13 * FRI", Utc("2026-02-12T00:00:00Z"), 2);

        Assert.Equal(Utc("2026-02-13T00:00:00Z", "2026-02-20T00:00:00Z"), fromFebruary);
    }

    [Theory]
    [InlineData("61 * * * *", "'61 * * * *' is not a valid cron expression: the minute field '61': 61 is out of range: minute values are from 0 to 59")]
    [InlineData("* * * *", "'* * * *' is not a valid cron expression: it has 4 fields; give 5 (minute hour day-of-month month day-of-week), 6 with a leading seconds field, or a macro such as @daily")]
    [InlineData("0 0 * * * * *", "it has 7 fields")]
    [InlineData("   ", "'' is not a valid cron expression: it has 0 fields")]
    [InlineData("0 24 * * *", "the hour field '24': 24 is out of range: hour values are from 0 to 23")]
    [InlineData("0 0 32 * *", "the day-of-month field '32': 32 is out of range: day-of-month values are from 1 to 31")]
    [InlineData("0 0 * 13 *", "the month field '13': 13 is out of range: month values are from 1 to 12")]
    [InlineData("0 0 * * 8", "the day-of-week field '8': 8 is out of range: day-of-week values are from 0 to 7")]
    [InlineData("0 0 * foo *", "the month field 'foo': 'foo' is not a month name")]
    [InlineData("0 0 * * funday", "the day-of-week field 'funday': 'funday' is not a day-of-week name")]
    [InlineData("*/0 * * * *", "the minute field '*/0': a step of 0 is not a step")]
    [InlineData("x * * * *", "'x * * * *' is not a valid cron expression: the minute field 'x'")]
    [InlineData("0 0 * * 1,,2", "the day-of-week field '1,,2' has an empty item in its list")]
    [InlineData("@reboot", "'@reboot' is not supported")]
    [InlineData("@fortnightly", "Unknown cron macro")]
    [InlineData("60 * * * * *", "the seconds field '60': 60 is out of range: seconds values are from 0 to 59")]
    [InlineData("L * * * * *", "the seconds field 'L': 'L' is not a number, and the seconds field takes no names")]
    public void An_invalid_expression_is_refused_with_a_readable_reason(string expression, string reason)
    {
        var error = Assert.Throws<FormatException>(() => CronTimeRule.Parse(expression, TimeZoneInfo.Utc));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(pos=", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Specified argument", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("CronFormat", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wall_clock_times_are_read_in_the_rule_time_zone()
    {
        Assert.Equal(Utc("2026-01-01T08:30:00Z"), Next("30 9 * * *", NewYear, 1, Berlin).Single());
        Assert.Equal(Utc("2026-07-01T07:30:00Z"), Next("30 9 * * *", Utc("2026-07-01T00:00:00Z"), 1, Berlin).Single());
        Assert.Equal(Utc("2026-01-01T14:30:00Z"), Next("30 9 * * *", NewYear, 1, NewYork).Single());
    }

    [Fact]
    public void Occurrences_are_given_in_utc()
    {
        var next = CronTimeRule.Parse("30 9 * * *", Berlin).NextAfter(Utc("2026-01-01T00:00:00+05:00"));

        Assert.Equal(TimeSpan.Zero, next!.Value.Offset);
    }

    // Europe/Berlin: 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET.
    // America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST.
    [Theory]
    [InlineData("Europe/Berlin", "2026-03-28T00:00:00Z", "2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z")]
    [InlineData("America/New_York", "2026-03-07T00:00:00Z", "2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z")]
    public void A_fixed_time_skipped_by_spring_forward_runs_once_at_the_end_of_the_gap(string zone, string from, params string[] expected)
    {
        var occurrences = Next("30 2 * * *", Utc(from), 3, TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(Utc(expected), occurrences);
        Assert.Equal(new TimeOnly(3, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(occurrences[1], TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime));
    }

    [Theory]
    [InlineData("Europe/Berlin", "30 2 * * *", "2026-10-24T00:00:00Z", "2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z")]
    [InlineData("America/New_York", "30 1 * * *", "2026-10-31T00:00:00Z", "2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z")]
    public void A_fixed_time_repeated_by_fall_back_runs_once_at_its_first_occurrence(string zone, string expression, string from, params string[] expected) =>
        Assert.Equal(Utc(expected), Next(expression, Utc(from), 3, TimeZoneInfo.FindSystemTimeZoneById(zone)));

    [Fact]
    public void A_minute_step_runs_nothing_inside_the_spring_forward_gap_in_berlin()
    {
        // 00:30Z is 01:30 CET; 01:00Z is 03:00 CEST: an hour of wall clock, half an hour of elapsed time.
        var occurrences = Next("*/30 * * * *", Utc("2026-03-29T00:00:00Z"), 3, Berlin);

        Assert.Equal(Utc("2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z"), occurrences);
    }

    [Fact]
    public void A_minute_step_runs_in_both_passes_of_the_hour_repeated_in_berlin()
    {
        // 00:30Z is 02:30 CEST; 01:00Z is 02:00 CET again; 01:30Z is 02:30 CET.
        var occurrences = Next("*/30 * * * *", Utc("2026-10-25T00:00:00Z"), 4, Berlin);

        Assert.Equal(Utc("2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z", "2026-10-25T02:00:00Z"), occurrences);
    }

    [Fact]
    public void A_minute_step_runs_nothing_inside_the_spring_forward_gap_in_new_york()
    {
        // 06:45Z is 01:45 EST; 07:00Z is 03:00 EDT.
        var occurrences = Next("*/15 * * * *", Utc("2026-03-08T06:30:00Z"), 3, NewYork);

        Assert.Equal(Utc("2026-03-08T06:45:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:15:00Z"), occurrences);
    }

    [Fact]
    public void A_minute_step_runs_in_both_passes_of_the_hour_repeated_in_new_york()
    {
        // 05:00Z to 05:45Z are 01:00 to 01:45 EDT; 06:00Z to 06:45Z are 01:00 to 01:45 EST; 07:00Z is 02:00 EST.
        var expected = Enumerable.Range(1, 8).Select(i => Utc("2026-11-01T05:00:00Z").AddMinutes(15 * i)).ToArray();

        Assert.Equal(expected, Next("*/15 * * * *", Utc("2026-11-01T05:00:00Z"), 8, NewYork));
    }

    [Fact]
    public void A_seconds_step_is_not_shifted_by_spring_forward()
    {
        var occurrences = Next("*/20 * * * * *", Utc("2026-03-29T00:59:30Z"), 3, Berlin);

        Assert.Equal(Utc("2026-03-29T00:59:40Z", "2026-03-29T01:00:00Z", "2026-03-29T01:00:20Z"), occurrences);
    }

    [Fact]
    public void No_occurrence_comes_before_the_start_and_the_start_itself_can_be_one()
    {
        var rule = CronTimeRule.Parse("0 9 * * *", TimeZoneInfo.Utc, startAt: Utc("2026-01-05T09:00:00Z"));

        Assert.Equal(Utc("2026-01-05T09:00:00Z"), rule.NextAfter(NewYear));
    }

    [Fact]
    public void The_rule_ends_before_its_end()
    {
        var rule = CronTimeRule.Parse("0 9 * * *", TimeZoneInfo.Utc, endAt: Utc("2026-01-03T09:00:00Z"));

        Assert.Equal(Utc("2026-01-01T09:00:00Z", "2026-01-02T09:00:00Z"), Take(rule, NewYear, 10));
        Assert.Null(rule.NextAfter(Utc("2026-01-02T09:00:00Z")));
    }

    [Fact]
    public void An_end_not_after_the_start_is_refused() =>
        Assert.Throws<ArgumentException>(() => CronTimeRule.Parse("0 9 * * *", TimeZoneInfo.Utc, NewYear, NewYear));

    [Fact]
    public void The_stored_expression_is_the_text_as_written_and_the_zone_is_named_by_its_iana_id()
    {
        var rule = CronTimeRule.Parse("  0 9 * * mon ", Berlin);

        Assert.Equal("cron:0 9 * * mon", rule.Expression);
        Assert.Equal("Europe/Berlin", rule.TimeZoneId);
    }
}

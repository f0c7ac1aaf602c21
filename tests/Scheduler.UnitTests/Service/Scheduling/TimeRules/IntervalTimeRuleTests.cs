using Scheduler.Service.Scheduling.TimeRules;
using static Scheduler.UnitTests.Service.Scheduling.TimeRules.Occurrences;

namespace Scheduler.UnitTests.Service.Scheduling.TimeRules;

public sealed class IntervalTimeRuleTests
{
    static readonly DateTimeOffset Anchor = Utc("2026-01-01T09:00:00Z");

    [Fact]
    public void The_anchor_is_the_first_occurrence_and_then_every_interval()
    {
        var rule = new IntervalTimeRule(TimeSpan.FromMinutes(15), Anchor);

        Assert.Equal(Utc("2026-01-01T09:00:00Z", "2026-01-01T09:15:00Z", "2026-01-01T09:30:00Z"), Take(rule, Anchor.AddHours(-1), 3));
    }

    [Fact]
    public void Asked_at_the_anchor_the_next_occurrence_is_one_interval_later()
    {
        // A job scheduled without a start is anchored when it is scheduled: its first run is one interval later.
        var rule = new IntervalTimeRule(TimeSpan.FromMinutes(15), Anchor);

        Assert.Equal(Utc("2026-01-01T09:15:00Z"), rule.NextAfter(Anchor));
    }

    [Theory]
    [InlineData("2026-01-01T09:07:00Z", "2026-01-01T09:15:00Z")]
    [InlineData("2026-01-01T09:14:59.999Z", "2026-01-01T09:15:00Z")]
    [InlineData("2026-01-01T09:15:00Z", "2026-01-01T09:30:00Z")]
    [InlineData("2026-03-01T10:01:00+01:00", "2026-03-01T09:15:00Z")]
    public void Occurrences_stay_on_the_grid_of_the_anchor(string instant, string expected)
    {
        var rule = new IntervalTimeRule(TimeSpan.FromMinutes(15), Anchor);

        Assert.Equal(Utc(expected), rule.NextAfter(Utc(instant)));
    }

    [Fact]
    public void The_rule_ends_before_its_end()
    {
        var rule = new IntervalTimeRule(TimeSpan.FromMinutes(15), Anchor, endAt: Utc("2026-01-01T09:30:00Z"));

        Assert.Equal(Utc("2026-01-01T09:15:00Z"), rule.NextAfter(Anchor));
        Assert.Null(rule.NextAfter(Utc("2026-01-01T09:15:00Z")));
    }

    [Fact]
    public void Daylight_saving_does_not_move_the_grid()
    {
        // 08:00Z is 09:00 in Berlin before 2026-03-29 and 10:00 after: an interval counts elapsed time.
        var rule = new IntervalTimeRule(TimeSpan.FromDays(1), Utc("2026-03-28T08:00:00Z"));

        Assert.Equal(Utc("2026-03-29T08:00:00Z", "2026-03-30T08:00:00Z"), Take(rule, Utc("2026-03-28T08:00:00Z"), 2));
    }

    [Fact]
    public void The_expression_is_an_iso_8601_duration_and_the_zone_is_utc()
    {
        var rule = new IntervalTimeRule(TimeSpan.FromMinutes(90), Utc("2026-01-01T10:00:00+01:00"));

        Assert.Equal("every:PT1H30M", rule.Expression);
        Assert.Equal("UTC", rule.TimeZoneId);
        Assert.Equal(Anchor, rule.StartAt);
        Assert.Equal(TimeSpan.Zero, rule.NextAfter(Anchor)!.Value.Offset);
    }

    [Fact]
    public void An_interval_shorter_than_a_second_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalTimeRule(TimeSpan.FromMilliseconds(500), Anchor));

    [Fact]
    public void An_end_not_after_the_anchor_is_refused() =>
        Assert.Throws<ArgumentException>(() => new IntervalTimeRule(TimeSpan.FromMinutes(1), Anchor, Anchor));

    [Fact]
    public void Near_the_end_of_the_calendar_the_rule_ends_instead_of_overflowing()
    {
        var rule = new IntervalTimeRule(TimeSpan.FromDays(365), Anchor);

        Assert.Null(rule.NextAfter(DateTimeOffset.MaxValue.AddDays(-1)));
    }
}

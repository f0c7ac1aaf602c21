using Scheduler.Contracts;
using Scheduler.Service.Scheduling;
using Scheduler.Service.Scheduling.TimeRules;
using static Scheduler.UnitTests.Service.Scheduling.TimeRules.Occurrences;

namespace Scheduler.UnitTests.Service.Scheduling.TimeRules;

/// <summary>A cron schedule's daylight saving choice, in both directions of both zones DESIGN.md names.</summary>
public sealed class CronTimeRuleDstTests
{
    // Europe/Berlin: 2026-03-29 02:00 CET -> 03:00 CEST; 2026-10-25 03:00 CEST -> 02:00 CET.
    // America/New_York: 2026-03-08 02:00 EST -> 03:00 EDT; 2026-11-01 02:00 EDT -> 01:00 EST.
    public static TheoryData<string, string, string, SkippedTimePolicy, RepeatedTimePolicy, string[]> Cases => new()
    {
        // Spring forward: 02:30 does not exist that night.
        { "Europe/Berlin", "30 2 * * *", "2026-03-28T00:00:00Z", SkippedTimePolicy.RunAfter, RepeatedTimePolicy.First,
            ["2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"] },
        { "Europe/Berlin", "30 2 * * *", "2026-03-28T00:00:00Z", SkippedTimePolicy.Skip, RepeatedTimePolicy.First,
            ["2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z"] },
        { "America/New_York", "30 2 * * *", "2026-03-07T00:00:00Z", SkippedTimePolicy.RunAfter, RepeatedTimePolicy.Both,
            ["2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"] },
        { "America/New_York", "30 2 * * *", "2026-03-07T00:00:00Z", SkippedTimePolicy.Skip, RepeatedTimePolicy.Both,
            ["2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z", "2026-03-10T06:30:00Z"] },

        // Fall back: 02:30 (Berlin) and 01:30 (New York) come twice that night.
        { "Europe/Berlin", "30 2 * * *", "2026-10-24T00:00:00Z", SkippedTimePolicy.RunAfter, RepeatedTimePolicy.First,
            ["2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"] },
        { "Europe/Berlin", "30 2 * * *", "2026-10-24T00:00:00Z", SkippedTimePolicy.Skip, RepeatedTimePolicy.Both,
            ["2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-10-26T01:30:00Z"] },
        { "America/New_York", "30 1 * * *", "2026-10-31T00:00:00Z", SkippedTimePolicy.Skip, RepeatedTimePolicy.First,
            ["2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"] },
        { "America/New_York", "30 1 * * *", "2026-10-31T00:00:00Z", SkippedTimePolicy.RunAfter, RepeatedTimePolicy.Both,
            ["2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "2026-11-02T06:30:00Z"] },

        // A minute step already runs in both passes and nothing in the gap; "both" adds nothing, "skip" removes nothing.
        { "Europe/Berlin", "*/30 * * * *", "2026-10-25T00:00:00Z", SkippedTimePolicy.Skip, RepeatedTimePolicy.Both,
            ["2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z", "2026-10-25T02:00:00Z"] },
        { "Europe/Berlin", "*/30 * * * *", "2026-03-29T00:00:00Z", SkippedTimePolicy.Skip, RepeatedTimePolicy.Both,
            ["2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_choice_runs_the_changed_local_times_as_chosen(string zone, string expression, string from,
        SkippedTimePolicy skipped, RepeatedTimePolicy repeated, string[] expected)
    {
        var rule = CronTimeRule.Parse(expression, TimeZoneInfo.FindSystemTimeZoneById(zone), dst: new DstChoice(skipped, repeated));

        Assert.Equal(Utc(expected), Take(rule, Utc(from), expected.Length));
    }

    [Theory]
    [InlineData("Europe/Berlin", "30 2 * * *", "2026-03-29T01:00:00Z", "moved")]
    [InlineData("America/New_York", "30 2 * * *", "2026-03-08T07:00:00Z", "moved")]
    [InlineData("Europe/Berlin", "30 2 * * *", "2026-03-28T01:30:00Z", null)]
    public void An_occurrence_moved_by_spring_forward_says_so(string zone, string expression, string occurrence, string? shape)
    {
        var rule = CronTimeRule.Parse(expression, TimeZoneInfo.FindSystemTimeZoneById(zone));

        Assert.Equal(shape, rule.DstShapeOf(Utc(occurrence)));
    }

    [Fact]
    public void Both_passes_of_a_repeated_time_say_repeated_only_when_the_rule_runs_both()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var both = CronTimeRule.Parse("30 2 * * *", berlin, dst: new DstChoice(SkippedTimePolicy.RunAfter, RepeatedTimePolicy.Both));
        var first = CronTimeRule.Parse("30 2 * * *", berlin);

        Assert.Equal("repeated", both.DstShapeOf(Utc("2026-10-25T00:30:00Z")));
        Assert.Equal("repeated", both.DstShapeOf(Utc("2026-10-25T01:30:00Z")));
        Assert.Null(first.DstShapeOf(Utc("2026-10-25T00:30:00Z")));
    }

    [Fact]
    public void A_chosen_policy_is_stored_with_the_rule_and_read_back()
    {
        var rule = CronTimeRule.Parse("30 2 * * *", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"),
            dst: new DstChoice(SkippedTimePolicy.Skip, RepeatedTimePolicy.Both));

        var stored = Assert.IsType<CronTimeRule>(TimeRuleParser.FromStored(rule.Expression, rule.TimeZoneId, null, null));

        Assert.Equal("cron[skip,both]:30 2 * * *", rule.Expression);
        Assert.Equal(rule.Dst, stored.Dst);
    }

    [Fact]
    public void The_default_policy_is_stored_as_before()
    {
        var rule = CronTimeRule.Parse("30 2 * * *", TimeZoneInfo.Utc, dst: DstChoice.From(new DaylightSavingPolicy()));

        Assert.Equal("cron:30 2 * * *", rule.Expression);
    }

    [Fact]
    public void A_cron_too_long_to_store_with_its_choice_is_refused()
    {
        var cron = string.Join(',', Enumerable.Repeat("0", 460)) + " * * * *";

        var result = TimeRuleParser.Parse(new JobSchedule { Cron = cron, Dst = new DaylightSavingPolicy { Repeated = RepeatedTimePolicy.Both } },
            Utc("2026-01-01T00:00:00Z"));

        Assert.Equal(("schedule.cron", "is too long: at most 900 characters"), (result.Errors[0].Field, result.Errors[0].Reason));
    }

    [Fact]
    public void A_dst_choice_on_a_schedule_other_than_cron_is_refused_naming_the_field()
    {
        var result = TimeRuleParser.Parse(
            new JobSchedule { Every = TimeSpan.FromHours(1), Dst = new DaylightSavingPolicy { Skipped = SkippedTimePolicy.Skip } },
            Utc("2026-01-01T00:00:00Z"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("schedule.dst", error.Field);
    }
}

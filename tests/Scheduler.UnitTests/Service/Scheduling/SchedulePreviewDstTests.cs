using Scheduler.Service.Api;
using Scheduler.Service.Scheduling;
using static Scheduler.UnitTests.Service.Scheduling.SchedulePreviewTests;
using static Scheduler.UnitTests.Service.Scheduling.TimeRules.Occurrences;

namespace Scheduler.UnitTests.Service.Scheduling;

/// <summary>The preview's <c>dstSkipped</c> and <c>dstRepeated</c> parameters and the <c>dst</c> mark on occurrences.</summary>
public sealed class SchedulePreviewDstTests
{
    static readonly DateTimeOffset Now = Utc("2026-01-01T12:00:00Z");

    [Fact]
    public void Skip_leaves_out_the_time_spring_forward_removes()
    {
        var response = Valid(new() { Cron = "30 2 * * *", TimeZone = "Europe/Berlin", From = "2026-03-28T00:00:00Z", Count = "2", DstSkipped = "skip" });

        Assert.Equal(["2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z"], response.Occurrences.Select(o => o.Utc));
        Assert.All(response.Occurrences, o => Assert.Null(o.Dst));
        Assert.Equal("cron[skip,first]:30 2 * * *", response.Expression);
    }

    [Fact]
    public void Both_lists_each_pass_of_the_repeated_time_marked_repeated()
    {
        var response = Valid(new() { Cron = "30 1 * * *", TimeZone = "America/New_York", From = "2026-11-01T00:00:00Z", Count = "3", DstRepeated = "both" });

        Assert.Equal(["2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "2026-11-02T06:30:00Z"], response.Occurrences.Select(o => o.Utc));
        Assert.Equal(["repeated", "repeated", null], response.Occurrences.Select(o => o.Dst));
        Assert.Equal(["2026-11-01T01:30:00-04:00", "2026-11-01T01:30:00-05:00"], response.Occurrences.Take(2).Select(o => o.Local));
    }

    [Theory]
    [InlineData("30 2 * * *", null, "later", null, "dstSkipped", "'later' is not a choice: use runAfter or skip")]
    [InlineData("30 2 * * *", null, null, "twice", "dstRepeated", "'twice' is not a choice: use first or both")]
    [InlineData(null, "PT1H", "skip", null, "dstSkipped", "applies only to cron")]
    [InlineData(null, "PT1H", null, "both", "dstRepeated", "applies only to cron")]
    public void A_bad_dst_choice_names_the_parameter(string? cron, string? every, string? skipped, string? repeated, string field, string reason)
    {
        var preview = SchedulePreview.Create(new() { Cron = cron, Every = every, DstSkipped = skipped, DstRepeated = repeated }, Now);

        var error = Assert.Single(preview.Errors);
        Assert.Equal((field, reason), (error.Field, error.Reason));
    }
}

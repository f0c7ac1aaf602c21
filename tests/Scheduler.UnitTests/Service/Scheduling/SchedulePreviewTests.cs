using Scheduler.Service.Api;
using Scheduler.Service.Scheduling;
using static Scheduler.UnitTests.Service.Scheduling.TimeRules.Occurrences;

namespace Scheduler.UnitTests.Service.Scheduling;

public sealed class SchedulePreviewTests
{
    static readonly DateTimeOffset Now = Utc("2026-01-01T12:00:00Z");

    internal static SchedulePreviewResponse Valid(SchedulePreviewRequest request)
    {
        var preview = SchedulePreview.Create(request, Now);
        Assert.Empty(preview.Errors);
        return SchedulePreviewResponse.From(preview.Rule!, preview.Occurrences);
    }

    [Fact]
    public void A_cron_preview_lists_utc_and_local_times_across_spring_forward()
    {
        var response = Valid(new() { Cron = "30 2 * * *", TimeZone = "Europe/Berlin", From = "2026-03-28T00:00:00Z", Count = "3" });

        Assert.Equal("cron:30 2 * * *", response.Expression);
        Assert.Equal("Europe/Berlin", response.TimeZone);
        Assert.Equal(
            [
                new ScheduleOccurrence("2026-03-28T01:30:00Z", "2026-03-28T02:30:00+01:00"),
                new ScheduleOccurrence("2026-03-29T01:00:00Z", "2026-03-29T03:00:00+02:00") { Dst = "moved" },
                new ScheduleOccurrence("2026-03-30T00:30:00Z", "2026-03-30T02:30:00+02:00"),
            ],
            response.Occurrences);
    }

    [Fact]
    public void Without_from_and_count_ten_occurrences_after_now_are_listed()
    {
        var response = Valid(new() { Cron = "@hourly" });

        Assert.Equal(SchedulePreview.DefaultCount, response.Occurrences.Count);
        Assert.Equal("2026-01-01T13:00:00Z", response.Occurrences[0].Utc);
        Assert.Equal("2026-01-01T13:00:00+00:00", response.Occurrences[0].Local);
    }

    [Fact]
    public void An_interval_is_anchored_at_from_unless_a_start_is_given()
    {
        Assert.Equal(["2026-01-01T12:15:00Z", "2026-01-01T12:30:00Z"], Valid(new() { Every = "PT15M", Count = "2" }).Occurrences.Select(o => o.Utc));

        var anchored = Valid(new() { Every = "PT1H", StartAt = "2026-01-01T09:20:00Z", Count = "2" });
        Assert.Equal(["2026-01-01T12:20:00Z", "2026-01-01T13:20:00Z"], anchored.Occurrences.Select(o => o.Utc));
        Assert.Equal("every:PT1H", anchored.Expression);
        Assert.Equal("UTC", anchored.TimeZone);
    }

    [Fact]
    public void A_rule_that_ends_lists_fewer_than_asked()
    {
        var response = Valid(new() { Rrule = "FREQ=DAILY;COUNT=3", StartAt = "2026-01-01T09:00:00+01:00", TimeZone = "Europe/Berlin", Count = "100" });

        Assert.Equal(["2026-01-02T09:00:00+01:00", "2026-01-03T09:00:00+01:00"], response.Occurrences.Select(o => o.Local));
    }

    [Fact]
    public void An_unencoded_plus_in_from_is_read_as_an_offset()
    {
        var response = Valid(new() { Cron = "0 * * * *", From = "2026-01-01T13:30:00 01:00", Count = "1" });

        Assert.Equal("2026-01-01T13:00:00Z", response.Occurrences.Single().Utc);
    }

    [Fact]
    public void An_occurrence_with_a_fraction_of_a_second_keeps_it()
    {
        var response = Valid(new() { Every = "PT1S", StartAt = "2026-01-01T00:00:00.25Z", From = "2026-01-01T00:00:00.25Z", Count = "1" });

        Assert.Equal(new ScheduleOccurrence("2026-01-01T00:00:01.25Z", "2026-01-01T00:00:01.25+00:00"), response.Occurrences.Single());
    }

    [Theory]
    [InlineData(null, null, null, null, null, "cron", "give exactly one of cron, every or rrule")]
    [InlineData("@daily", "PT1H", null, null, null, "cron", "give exactly one of cron, every or rrule")]
    [InlineData("61 * * * *", null, null, null, null, "cron", "'61 * * * *' is not a valid cron expression: the minute field '61': 61 is out of range: minute values are from 0 to 59")]
    [InlineData("0 0 30 2 *", null, null, null, null, "cron", "'0 0 30 2 *' has no occurrence after from")]
    [InlineData(null, "soon", null, null, null, "every", "'soon' is not an ISO 8601 duration")]
    [InlineData(null, "PT0.1S", null, null, null, "every", "must be at least PT1S")]
    [InlineData(null, null, "FREQ=SOMETIMES", null, null, "rrule", "Unknown FREQ value")]
    [InlineData("@daily", null, null, "Mars/Olympus", null, "timeZone", "'Mars/Olympus' is not a known IANA time zone")]
    [InlineData(null, "PT1H", null, "Europe/Berlin", null, "timeZone", "applies only to cron and rrule")]
    [InlineData("@daily", null, null, null, "2026-01-01T00:00:00", "from", "is not an ISO 8601 instant with an offset")]
    [InlineData("@daily", null, null, null, "yesterday", "from", "is not an ISO 8601 instant with an offset")]
    public void An_invalid_request_names_the_query_field(string? cron, string? every, string? rrule, string? timeZone, string? from, string field, string reason)
    {
        var preview = SchedulePreview.Create(new() { Cron = cron, Every = every, Rrule = rrule, TimeZone = timeZone, From = from }, Now);

        Assert.Null(preview.Rule);
        var error = Assert.Single(preview.Errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("")]
    public void A_count_outside_1_to_100_is_refused(string count)
    {
        var error = Assert.Single(SchedulePreview.Create(new() { Cron = "@daily", Count = count }, Now).Errors);

        Assert.Equal("count", error.Field);
    }

    [Fact]
    public void Start_and_end_are_checked_under_their_own_names()
    {
        var errors = SchedulePreview.Create(new() { Cron = "@daily", StartAt = "tomorrow", EndAt = "2026-01-01T00:00:00Z" }, Now).Errors;
        Assert.Equal(["startAt"], errors.Select(e => e.Field));

        var ended = Assert.Single(SchedulePreview.Create(new() { Cron = "@daily", EndAt = "2026-01-01T00:00:00Z" }, Now).Errors);
        Assert.Equal(("endAt", "must be after from, or the schedule would never run"), (ended.Field, ended.Reason));
    }

    [Fact]
    public void One_answer_names_every_problem()
    {
        var errors = SchedulePreview.Create(new() { Cron = "61 * * * *", Count = "abc" }, Now).Errors;

        Assert.Equal(["count", "cron"], errors.Select(e => e.Field));
    }

    [Fact]
    public void A_default_from_is_now_to_the_whole_second()
    {
        var preview = SchedulePreview.Create(new() { Every = "PT15M", Count = "1" }, Utc("2026-01-01T12:00:00.7Z"));

        Assert.Equal([Utc("2026-01-01T12:15:00Z")], preview.Occurrences);
    }
}

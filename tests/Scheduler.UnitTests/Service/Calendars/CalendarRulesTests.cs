using Scheduler.Service.Calendars;
using static Scheduler.UnitTests.Service.Scheduling.TimeRules.Occurrences;

namespace Scheduler.UnitTests.Service.Calendars;

public sealed class CalendarRulesTests
{
    static CalendarRules Read(CalendarExclusions exclude, string? timeZone = "Europe/Berlin")
    {
        var rules = CalendarRules.Read("holidays", new CalendarDefinition { TimeZone = timeZone, Exclude = exclude }, out var errors);
        Assert.Empty(errors);
        return rules!;
    }

    // 2026-12-25 is a Friday; Berlin is UTC+1 in December.
    [Theory]
    [InlineData("2026-12-25T09:00:00Z", "date 2026-12-25")]
    [InlineData("2026-12-24T23:30:00Z", "date 2026-12-25")]  // 00:30 local on the 25th
    [InlineData("2026-12-25T23:30:00Z", null)]               // 00:30 local on the 26th
    public void A_date_excludes_the_whole_local_day(string instant, string? reason) =>
        Assert.Equal(reason, Read(new() { Dates = ["2026-12-25"] }).Excludes(Utc(instant))?.Reason);

    [Theory]
    [InlineData("2026-12-26T12:00:00Z", "weekday SAT")]
    [InlineData("2026-12-27T12:00:00Z", "weekday SUN")]
    [InlineData("2026-12-28T12:00:00Z", null)]
    public void A_weekday_excludes_every_such_local_day(string instant, string? reason) =>
        Assert.Equal(reason, Read(new() { Weekdays = ["sat", "SUN"] }).Excludes(Utc(instant))?.Reason);

    [Theory]
    [InlineData("2026-12-01T11:00:00Z", "time of day 12:00-13:00")] // 12:00 local, inclusive
    [InlineData("2026-12-01T11:59:59Z", "time of day 12:00-13:00")]
    [InlineData("2026-12-01T12:00:00Z", null)]                      // 13:00 local, exclusive
    [InlineData("2026-12-01T22:30:00Z", "time of day 22:00-06:00")] // across midnight
    [InlineData("2026-12-02T04:59:00Z", "time of day 22:00-06:00")]
    [InlineData("2026-12-02T05:00:00Z", null)]
    public void A_time_of_day_range_excludes_from_inclusive_to_exclusive_every_day(string instant, string? reason)
    {
        var rules = Read(new() { TimesOfDay = [new() { From = "12:00", To = "13:00" }, new() { From = "22:00", To = "06:00" }] });

        Assert.Equal(reason, rules.Excludes(Utc(instant))?.Reason);
    }

    [Theory]
    [InlineData("2026-12-01T08:00:00Z", "cron 0 9 * * TUE")]  // 09:00 local on a Tuesday
    [InlineData("2026-12-01T08:00:42Z", "cron 0 9 * * TUE")]  // within that minute
    [InlineData("2026-12-01T08:01:00Z", null)]
    [InlineData("2026-12-02T08:00:00Z", null)]                 // Wednesday
    public void A_cron_excludes_the_minutes_it_names(string instant, string? reason) =>
        Assert.Equal(reason, Read(new() { Cron = "0 9 * * TUE" }).Excludes(Utc(instant))?.Reason);

    [Fact]
    public void Without_a_time_zone_exclusions_are_read_in_utc() =>
        Assert.Equal("date 2026-12-25", Read(new() { Dates = ["2026-12-25"] }, timeZone: null).Excludes(Utc("2026-12-25T23:30:00Z"))?.Reason);

    [Fact]
    public void The_exclusion_names_its_calendar() =>
        Assert.Equal("holidays", Read(new() { Weekdays = ["FRI"] }).Excludes(Utc("2026-12-25T09:00:00Z"))?.Calendar);

    [Fact]
    public void Every_bad_field_is_named()
    {
        var definition = new CalendarDefinition
        {
            TimeZone = "Mars/Olympus",
            Exclude = new()
            {
                Dates = ["2026-12-25", "25.12.2026"],
                Weekdays = ["FRIDAY"],
                TimesOfDay = [new() { From = "12:00", To = "12:00" }, new() { From = "noon", To = "13:00" }],
                Cron = "61 * * * *",
            },
        };

        Assert.Null(CalendarRules.Read("c", definition, out var errors));

        Assert.Equal(["timeZone", "exclude.dates[1]", "exclude.weekdays[0]", "exclude.timesOfDay[0].to", "exclude.timesOfDay[1].from", "exclude.cron"],
            errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("holidays", true)]
    [InlineData("eu.holidays-2026_v2", true)]
    [InlineData("", false)]
    [InlineData("-x", false)]
    [InlineData("a b", false)]
    public void A_calendar_name_is_letters_digits_and_separators(string name, bool valid) =>
        Assert.Equal(valid, CalendarRules.IsName(name));
}

using Scheduler.Contracts;
using Scheduler.Service.Dashboard;

namespace Scheduler.UnitTests.Service.Dashboard;

public sealed class DisplayTests
{
    static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<JobSchedule, string> Schedules => new()
    {
        { new JobSchedule(), "once, as soon as it was scheduled" },
        { new JobSchedule { At = Noon }, "once, at 2026-03-01 12:00:00Z" },
        { new JobSchedule { Delay = TimeSpan.FromSeconds(30) }, "once, 30 s after it was scheduled" },
        { new JobSchedule { Every = TimeSpan.FromMinutes(90) }, "every 1 h 30 min" },
        { new JobSchedule { Cron = "0 2 * * *", TimeZone = "Europe/Berlin" }, "every day at 02:00 in Europe/Berlin" },
        { new JobSchedule { Cron = "30 9 * * MON-FRI" }, "at 09:30 on days of the week MON-FRI in UTC" },
        { new JobSchedule { Cron = "*/10 * * * * *" }, "every 10 seconds in UTC" },
        { new JobSchedule { Cron = "@hourly" }, "every hour on the hour in UTC" },
        { new JobSchedule { Cron = "0 0 1 1 *" }, "on the cron expression 0 0 1 1 * in UTC" },
        { new JobSchedule { Every = TimeSpan.FromHours(1), StartAt = Noon, Jitter = TimeSpan.FromSeconds(5) },
            "every 1 h, from 2026-03-01 12:00:00Z, each up to 5 s late at random" },
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void A_schedule_is_said_in_words(JobSchedule schedule, string words) =>
        Assert.Equal(words, Display.ScheduleInWords(schedule));

    [Theory]
    [InlineData(0.25, "250 ms")]
    [InlineData(59, "59 s")]
    [InlineData(120, "2 min")]
    [InlineData(3_725, "1 h 2 min")]
    [InlineData(90_000, "1 d 1 h")]
    public void A_duration_is_written_the_short_way(double seconds, string text) =>
        Assert.Equal(text, Display.Span(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void An_instant_says_how_far_it_is_from_now_either_way()
    {
        Assert.Equal("2026-03-01 12:05:00Z (in 5 min)", Display.Relative(Noon.AddMinutes(5), Noon));
        Assert.Equal("2026-03-01 11:59:30Z (30 s ago)", Display.Relative(Noon.AddSeconds(-30), Noon));
        Assert.Equal("—", Display.Relative(null, Noon));
    }

    [Fact]
    public void Json_is_written_as_the_API_writes_it()
    {
        var json = Display.Json(new RetryPolicy { MaxAttempts = 3, InitialDelay = TimeSpan.FromSeconds(5) });
        Assert.Contains("\"maxAttempts\": 3", json, StringComparison.Ordinal);
        Assert.Contains("\"initialDelay\": \"PT5S\"", json, StringComparison.Ordinal);
    }
}

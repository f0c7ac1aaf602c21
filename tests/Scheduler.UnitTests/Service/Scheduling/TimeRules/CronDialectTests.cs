using Scheduler.Service.Scheduling.TimeRules;
using static Scheduler.UnitTests.Service.Scheduling.TimeRules.Occurrences;

namespace Scheduler.UnitTests.Service.Scheduling.TimeRules;

/// <summary>Cronos's edge cases that our dialect keeps or refuses, read through <see cref="CronTimeRule.Parse"/>.</summary>
public sealed class CronDialectTests
{
    static IReadOnlyList<DateTimeOffset> Next(string expression, string from, int count) =>
        Take(CronTimeRule.Parse(expression, TimeZoneInfo.Utc), Utc(from), count);

    [Theory]
    [InlineData("0 12 L * *", "2026-01-01T00:00:00Z", new[] { "2026-01-31T12:00:00Z", "2026-02-28T12:00:00Z" })]       // last day
    [InlineData("0 12 L-2 * *", "2026-01-01T00:00:00Z", new[] { "2026-01-29T12:00:00Z", "2026-02-26T12:00:00Z" })]     // two before the last
    [InlineData("0 12 LW * *", "2026-01-01T00:00:00Z", new[] { "2026-01-30T12:00:00Z", "2026-02-27T12:00:00Z" })]      // last weekday (31 Jan is a Saturday)
    [InlineData("0 12 15W * *", "2026-03-01T00:00:00Z", new[] { "2026-03-16T12:00:00Z", "2026-04-15T12:00:00Z" })]     // weekday nearest the 15th (15 Mar is a Sunday)
    [InlineData("0 12 * * 5L", "2026-01-01T00:00:00Z", new[] { "2026-01-30T12:00:00Z", "2026-02-27T12:00:00Z" })]      // last Friday
    [InlineData("0 12 * * MON#2", "2026-01-01T00:00:00Z", new[] { "2026-01-12T12:00:00Z", "2026-02-09T12:00:00Z" })]   // second Monday
    public void Cronos_day_naming_forms_are_supported(string expression, string from, string[] expected) =>
        Assert.Equal(Utc(expected), Next(expression, from, expected.Length));

    [Fact]
    public void The_or_rule_holds_with_a_day_naming_form()
    {
        // The last day of the month, or any Monday.
        Assert.Equal(Utc("2026-01-26T00:00:00Z", "2026-01-31T00:00:00Z", "2026-02-02T00:00:00Z"),
            Next("0 0 L * MON", "2026-01-25T00:00:00Z", 3));
    }

    [Theory]
    [InlineData("5-1 * * * *", "runs backwards")]
    [InlineData("0 0 ? * *", "'?' is Quartz's notation")]
    [InlineData("0 0 H * *", "'H' is not a number")]
    [InlineData("@every_minute", "Unknown cron macro")]
    public void Forms_outside_the_dialect_are_refused(string expression, string reason)
    {
        var error = Assert.Throws<FormatException>(() => CronTimeRule.Parse(expression, TimeZoneInfo.Utc));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}

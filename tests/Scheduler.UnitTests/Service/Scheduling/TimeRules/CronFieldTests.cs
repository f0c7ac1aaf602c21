using Scheduler.Service.Scheduling.TimeRules;

namespace Scheduler.UnitTests.Service.Scheduling.TimeRules;

/// <summary>The crontab grammar each field is held to (Vixie cron's), read through <see cref="CronTimeRule.Parse"/>.</summary>
public sealed class CronFieldTests
{
    [Theory]
    [InlineData("0-59 0-23 1-31 1-12 0-7")]       // every field's whole range
    [InlineData("59 23 31 12 7")]                 // every field's highest value
    [InlineData("0 0 1 1 0")]                     // and its lowest
    [InlineData("1-5 * * * *")]
    [InlineData("5-5 * * * *")]                   // a range of one value
    [InlineData("*/59 */23 */30 */11 */7")]       // the largest step of each field
    [InlineData("1-59/1 * * * *")]
    [InlineData("0 0-12/6 * * *")]
    [InlineData("1,* * * * *")]                   // * as a list item, as Vixie reads it
    [InlineData("0,15,30,45 9-17 * * 1-5")]
    [InlineData("0 9 * jan-JUN/2 mon-fri")]       // names in ranges with a step, any case
    [InlineData("0 9 * * mon-7")]                 // a name and a number in one range
    [InlineData("0 9 * * fri-7")]                 // Friday to Sunday: as a name, SUN is 0
    [InlineData("0 9 * * 0,7")]
    [InlineData("00 09 01 01 00")]                // leading zeros
    [InlineData("0 0\t1 * *")]                    // a tab between fields
    [InlineData("0 0 L * *")]                     // Quartz's day-naming forms, kept
    [InlineData("0 0 L-3 * *")]
    [InlineData("0 0 LW * *")]
    [InlineData("0 0 15W * *")]
    [InlineData("0 0 * * 5L")]
    [InlineData("0 0 * * FRI#3")]
    [InlineData("*/10 0 9 * * MON")]              // a leading seconds field
    [InlineData("0-30/10 * * * * *")]
    [InlineData("@hourly")]
    public void A_crontab_expression_is_accepted(string expression) =>
        Assert.NotNull(CronTimeRule.Parse(expression, TimeZoneInfo.Utc).NextAfter(DateTimeOffset.UnixEpoch));

    [Theory]
    // Reversed ranges: Quartz would read them as wrapping around, Vixie cron refuses them.
    [InlineData("5-1 * * * *", "the minute field '5-1': the range 5-1 runs backwards (5 is after 1)")]
    [InlineData("0 0 * * 7-1", "the day-of-week field '7-1': the range 7-1 runs backwards (7 is after 1)")]
    [InlineData("0 22-2 * * *", "the hour field '22-2': the range 22-2 runs backwards")]
    [InlineData("0 0 31-1 * *", "the day-of-month field '31-1': the range 31-1 runs backwards")]
    [InlineData("0 0 * dec-jan *", "the month field 'dec-jan': the range dec-jan runs backwards (12 is after 1)")]
    [InlineData("0 9 * * fri-sun", "the day-of-week field 'fri-sun': the range fri-sun runs backwards (5 is after 0)")]
    [InlineData("0 0 * * sat-sun", "the day-of-week field 'sat-sun': the range sat-sun runs backwards (6 is after 0)")]
    [InlineData("1,10-5 * * * *", "the minute field '1,10-5': the range 10-5 runs backwards")]
    [InlineData("10-5/2 * * * *", "the minute field '10-5/2': the range 10-5 runs backwards")]
    [InlineData("*/5 5-1 * * * *", "the minute field '5-1': the range 5-1 runs backwards")]
    [InlineData("5-1 * * * * *", "the seconds field '5-1': the range 5-1 runs backwards")]
    // Values out of range.
    [InlineData("60 * * * *", "the minute field '60': 60 is out of range: minute values are from 0 to 59")]
    [InlineData("0 24 * * *", "the hour field '24': 24 is out of range: hour values are from 0 to 23")]
    [InlineData("0 0 0 * *", "the day-of-month field '0': 0 is out of range: day-of-month values are from 1 to 31")]
    [InlineData("0 0 32 * *", "the day-of-month field '32'")]
    [InlineData("0 0 * 0 *", "the month field '0': 0 is out of range: month values are from 1 to 12")]
    [InlineData("0 0 * 13 *", "the month field '13'")]
    [InlineData("0 0 * * 8", "the day-of-week field '8': 8 is out of range: day-of-week values are from 0 to 7")]
    [InlineData("0-60 * * * *", "the minute field '0-60': 60 is out of range")]
    [InlineData("99999999999 * * * *", "the minute field '99999999999': 99999999999 is out of range")]
    [InlineData("60 * * * * *", "the seconds field '60': 60 is out of range: seconds values are from 0 to 59")]
    // Steps.
    [InlineData("*/0 * * * *", "the minute field '*/0': a step of 0 is not a step")]
    [InlineData("0 0 * * 1-5/0", "the day-of-week field '1-5/0': a step of 0 is not a step")]
    [InlineData("*/60 * * * *", "the minute field '*/60': the step 60 is too large: it must be from 1 to 59")]
    [InlineData("0 */24 * * *", "the hour field '*/24': the step 24 is too large")]
    [InlineData("*/ * * * *", "the minute field '*/': '/' must be followed by a step")]
    [InlineData("*/x * * * *", "the minute field '*/x': the step 'x' is not a whole number")]
    [InlineData("*/-1 * * * *", "the minute field '*/-1': the step '-1' is not a whole number")]
    [InlineData("5/15 * * * *", "the minute field '5/15': a step applies to * or a range, not to the single value '5': write 5-59/15")]
    [InlineData("/5 * * * *", "the minute field '/5': '/5' has no * or range before its step")]
    [InlineData("*/2/3 * * * *", "the minute field '*/2/3': the step '2/3' is not a whole number")]
    // Lists and ranges that are not.
    [InlineData("0 0 * * 1,,2", "the day-of-week field '1,,2' has an empty item in its list")]
    [InlineData(", * * * *", "the minute field ',' has an empty item in its list")]
    [InlineData("1, * * * *", "the minute field '1,' has an empty item in its list")]
    [InlineData("5- * * * *", "the minute field '5-': '5-' is not a range: give both ends")]
    [InlineData("-5 * * * *", "the minute field '-5': '-5' is not a range: give both ends")]
    [InlineData("5-/2 * * * *", "the minute field '5-/2': '5-' is not a range")]
    [InlineData("1-5-7 * * * *", "the minute field '1-5-7': '5-7' is not a value of the minute field")]
    [InlineData("*-5 * * * *", "the minute field '*-5': '*' is not a value of the minute field")]
    [InlineData("** * * * *", "the minute field '**': '**' is not a value of the minute field")]
    // Characters and names crontab does not know.
    [InlineData("0 0 ? * *", "the day-of-month field '?': '?' is Quartz's notation, not crontab's: write *")]
    [InlineData("0 0 * * ?", "the day-of-week field '?'")]
    [InlineData("x * * * *", "the minute field 'x': 'x' is not a number, and the minute field takes no names")]
    [InlineData("1.5 * * * *", "the minute field '1.5': '1.5' is not a value of the minute field")]
    [InlineData("+5 * * * *", "the minute field '+5'")]
    [InlineData("0x5 * * * *", "the minute field '0x5'")]
    [InlineData("\u0663 * * * *", "the minute field '\u0663'")] // an Arabic-Indic digit three
    [InlineData("0 0 jan * *", "the day-of-month field 'jan': 'jan' is not a number, and the day-of-month field takes no names")]
    [InlineData("0 0 1 mon *", "the month field 'mon': 'mon' is not a month name: use JAN to DEC (three letters) or a number from 1 to 12")]
    [InlineData("0 0 * * jan", "the day-of-week field 'jan': 'jan' is not a day-of-week name: use SUN to SAT")]
    [InlineData("0 0 * * monday", "the day-of-week field 'monday': 'monday' is not a day-of-week name")]
    [InlineData("0 0 * january *", "the month field 'january'")]
    [InlineData("0 0 L,5 * *", "the day-of-month field 'L,5'")]     // Quartz's forms only on their own
    [InlineData("0 0 32W * *", "the day-of-month field '32W'")]
    [InlineData("0 0 * * L", "the day-of-week field 'L'")]
    [InlineData("0 0 * * 1#6", "the day-of-week field '1#6'")]
    [InlineData("L * * * * *", "the seconds field 'L'")]
    // Too few or too many fields.
    [InlineData("* * * *", "it has 4 fields; give 5 (minute hour day-of-month month day-of-week), 6 with a leading seconds field")]
    [InlineData("0 0 0 * * * *", "it has 7 fields")]
    [InlineData("", "it has 0 fields")]
    [InlineData("@daily 0", "Unknown cron macro")]
    public void An_expression_vixie_cron_refuses_is_refused_naming_the_field(string expression, string reason)
    {
        var error = Assert.Throws<FormatException>(() => CronTimeRule.Parse(expression, TimeZoneInfo.Utc));

        Assert.StartsWith($"'{expression.Trim()}' is not a valid cron expression: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}

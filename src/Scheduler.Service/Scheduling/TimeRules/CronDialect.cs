using System.Text.RegularExpressions;
using Quartz;

namespace Scheduler.Service.Scheduling.TimeRules;

/// <summary>
/// Reads our cron dialect into a Quartz <see cref="CronExpression"/>: the five crontab fields (day-of-week 0-7,
/// 0 and 7 both Sunday), optionally preceded by a seconds field, or one of the macros @yearly @annually @monthly
/// @weekly @daily @midnight @hourly. Each field must pass Vixie cron's grammar (<see cref="CronField"/>); then
/// Quartz's <see cref="CronFormat.Unix"/> reads the five fields, and we add the seconds.
/// </summary>
internal static partial class CronDialect
{
    // Quartz separates fields with spaces and tabs; so do we, so that both count the same fields.
    static readonly char[] FieldSeparators = [' ', '\t'];

    // Quartz appends the inner exception's text in parentheses ("(Specified argument was out of the range ...)",
    // "(pos=1)"), which tells a user of the API nothing.
    [GeneratedRegex(@"\s*\((?:Specified argument[^)]*|Index was outside[^)]*|pos=\d+)\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex QuartzNoise();

    /// <summary>Parses <paramref name="expression"/> in <paramref name="zone"/>; <see cref="FormatException"/> with a readable reason.</summary>
    public static CronExpression Parse(string expression, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = expression.Trim();
        try
        {
            return ParseTrimmed(text, zone);
        }
        catch (FormatException e)
        {
            throw new FormatException($"'{text}' is not a valid cron expression: {Readable(e.Message)}", e);
        }
    }

    static CronExpression ParseTrimmed(string text, TimeZoneInfo zone)
    {
        if (text.StartsWith('@'))
            return CronExpression.Parse(text, CronFormat.Unix).WithTimeZone(zone);

        var fields = text.Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (5 or 6))
            throw new FormatException(
                $"it has {fields.Length} field{(fields.Length == 1 ? "" : "s")}; give 5 (minute hour day-of-month month day-of-week), "
                + "6 with a leading seconds field, or a macro such as @daily");

        // Quartz reads more than crontab does (reversed ranges as wrapping around, a step after a single value, '?',
        // empty list items), so every field is held to Vixie cron's grammar first, and a refusal names the field.
        var grammar = fields.Length == 5 ? CronField.Crontab : [CronField.Second, .. CronField.Crontab];
        for (var i = 0; i < fields.Length; i++)
        {
            if (grammar[i].Check(fields[i]) is { } reason)
                throw new FormatException(reason);
        }

        if (fields.Length == 5)
            return CronExpression.Parse(text, CronFormat.Unix).WithTimeZone(zone);

        // Six fields: seconds, then the five crontab fields, whose day-of-week keeps the crontab numbering. Quartz
        // rewrites the five into its own form with a seconds field of "0", which we replace with the user's.
        var seconds = fields[0];
        var quartz = CronExpression.Parse(string.Join(' ', fields[1..]), CronFormat.Unix).CronExpressionString;
        if (!quartz.StartsWith("0 ", StringComparison.Ordinal))
            throw new InvalidOperationException($"Quartz rewrote a crontab expression as '{quartz}', without the seconds field of 0 it is documented to add.");

        try
        {
            return new CronExpression($"{seconds} {quartz[2..]}", zone);
        }
        catch (FormatException e)
        {
            throw new FormatException($"the seconds field '{seconds}' is invalid: {Readable(e.Message)}", e);
        }
    }

    static string Readable(string quartzMessage) => QuartzNoise().Replace(quartzMessage, "").TrimEnd();
}

using Cronos;

namespace Scheduler.Service.Scheduling.TimeRules;

/// <summary>
/// Reads our cron dialect into a <see cref="CronPattern"/> computed by Cronos: the five crontab fields (day-of-week
/// 0-7, 0 and 7 both Sunday), optionally preceded by a seconds field, or one of the macros @yearly @annually @monthly
/// @weekly @daily @midnight @hourly. Each field must pass Vixie cron's grammar (<see cref="CronField"/>) first, so
/// that a refusal names the field in words a person can act on, whatever Cronos would have said.
/// </summary>
internal static class CronDialect
{
    // Cronos and Quartz separate fields with spaces and tabs; so do we, so that all count the same fields.
    static readonly char[] FieldSeparators = [' ', '\t'];

    // The macros DESIGN.md names, as the five fields Vixie cron reads them as. Cronos knows more (@every_second),
    // which the product does not promise.
    static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    /// <summary>Parses <paramref name="expression"/>; <see cref="FormatException"/> with a readable reason.</summary>
    public static CronPattern Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = expression.Trim();
        try
        {
            return ParseTrimmed(text);
        }
        catch (FormatException e)
        {
            throw new FormatException($"'{text}' is not a valid cron expression: {e.Message}", e);
        }
    }

    static CronPattern ParseTrimmed(string text)
    {
        if (text.StartsWith('@'))
        {
            if (text.Equals("@reboot", StringComparison.OrdinalIgnoreCase))
                throw new FormatException("'@reboot' is not supported: a scheduler has no boot to run at; use @daily, @hourly or a crontab expression");
            return Macros.TryGetValue(text, out var fields)
                ? Build(fields.Split(' '))
                : throw new FormatException($"Unknown cron macro '{text}': use one of {string.Join(", ", Macros.Keys)}");
        }

        var given = text.Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries);
        if (given.Length is not (5 or 6))
            throw new FormatException(
                $"it has {given.Length} field{(given.Length == 1 ? "" : "s")}; give 5 (minute hour day-of-month month day-of-week), "
                + "6 with a leading seconds field, or a macro such as @daily");

        // Cronos reads a little more than crontab does ('?', 'H'), so every field is held to Vixie cron's grammar
        // first, and a refusal names the field.
        var grammar = given.Length == 5 ? CronField.Crontab : [CronField.Second, .. CronField.Crontab];
        for (var i = 0; i < given.Length; i++)
        {
            if (grammar[i].Check(given[i]) is { } reason)
                throw new FormatException(reason);
        }

        return Build(given);
    }

    static CronPattern Build(string[] fields)
    {
        var format = fields.Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        var dayOfMonth = fields[^3];
        var dayOfWeek = fields[^1];

        // Vixie cron: when both day fields are restricted (neither starts with '*'), a day matching either fires.
        // Cronos requires both to match, so the OR is two expressions, one per day field, merged.
        if (!dayOfMonth.StartsWith('*') && !dayOfWeek.StartsWith('*'))
        {
            var byMonthDay = (string[])fields.Clone();
            byMonthDay[^1] = "*";
            var byWeekDay = (string[])fields.Clone();
            byWeekDay[^3] = "*";
            return new CronPattern([Read(byMonthDay, format), Read(byWeekDay, format)], fields.Length == 6);
        }

        return new CronPattern([Read(fields, format)], fields.Length == 6);
    }

    static CronExpression Read(string[] fields, CronFormat format)
    {
        // Cronos takes names in upper case only (the grammar above already allowed any case), and refuses '*' as an
        // item of a list, which Vixie cron reads as the whole field.
        var text = string.Join(' ', fields.Select(f => f.Split(',').Contains("*") ? "*" : f)).ToUpperInvariant();
        try
        {
            return CronExpression.Parse(text, format);
        }
        catch (CronFormatException e)
        {
            throw new FormatException(e.Message, e);
        }
    }
}

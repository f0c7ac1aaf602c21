using System.Globalization;
using System.Text.RegularExpressions;

namespace Scheduler.Service.Scheduling.TimeRules;

/// <summary>
/// One field of a crontab line and the grammar Vixie cron reads it with: a comma-separated list whose items are
/// <c>*</c>, a value or a range <c>a-b</c> (a not after b), the last two in bounds; <c>*</c> and a range may take a
/// step <c>/n</c> (n from 1 to the field's span). Month and day-of-week values may be three-letter names (JAN, MON),
/// in any case. Besides Vixie's grammar, the field may be one of the forms that name a day, which Cronos computes (as
/// Quartz did before it): day-of-month <c>L</c>, <c>L-n</c>, <c>LW</c>, <c>nW</c>; day-of-week <c>nL</c> and <c>n#k</c>.
/// </summary>
internal sealed partial class CronField
{
    static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    // A value of more digits than this is out of every field's range; reading it as a number could overflow.
    const int MaxDigits = 4;

    public static readonly CronField Second = new("seconds", 0, 59);
    public static readonly CronField Minute = new("minute", 0, 59);
    public static readonly CronField Hour = new("hour", 0, 23);
    public static readonly CronField DayOfMonth = new("day-of-month", 1, 31, quartzForms: DayOfMonthForms());
    public static readonly CronField Month = new("month", 1, 12, MonthNames, firstNamed: 1);
    public static readonly CronField DayOfWeek = new("day-of-week", 0, 7, DayNames, firstNamed: 0, quartzForms: DayOfWeekForms());

    /// <summary>The five crontab fields in order.</summary>
    public static readonly IReadOnlyList<CronField> Crontab = [Minute, Hour, DayOfMonth, Month, DayOfWeek];

    readonly string[] _names;
    readonly int _firstNamed;
    readonly Regex? _quartzForms;

    CronField(string name, int low, int high, string[]? names = null, int firstNamed = 0, Regex? quartzForms = null)
    {
        Name = name;
        Low = low;
        High = high;
        _names = names ?? [];
        _firstNamed = firstNamed;
        _quartzForms = quartzForms;
    }

    /// <summary>The field's name in messages: minute, hour, day-of-month, month, day-of-week, seconds.</summary>
    public string Name { get; }

    /// <summary>The smallest value the field takes.</summary>
    public int Low { get; }

    /// <summary>The largest value the field takes.</summary>
    public int High { get; }

    [GeneratedRegex(@"^(?:L|L-(?:[1-9]|[12][0-9]|30)|LW|(?:[1-9]|[12][0-9]|3[01])W)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase,
        matchTimeoutMilliseconds: 100)]
    private static partial Regex DayOfMonthForms();

    [GeneratedRegex(@"^(?:[0-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(?:L|#[1-5])$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase,
        matchTimeoutMilliseconds: 100)]
    private static partial Regex DayOfWeekForms();

    /// <summary>Null when <paramref name="text"/> is a valid value of this field; else why not, naming the field.</summary>
    public string? Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_quartzForms?.IsMatch(text) == true)
            return null;

        foreach (var item in text.Split(','))
        {
            if (item.Length == 0)
                return $"the {Name} field '{text}' has an empty item in its list";
            if (CheckItem(item) is { } reason)
                return $"the {Name} field '{text}': {reason}";
        }

        return null;
    }

    string? CheckItem(string item)
    {
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = slash < 0 ? item : item[..slash];

        if (slash >= 0 && CheckStep(item[(slash + 1)..]) is { } badStep)
            return badStep;

        if (range == "*")
            return null;
        if (range.Length == 0)
            return $"'{item}' has no * or range before its step: write */{item[(slash + 1)..]}";
        if (range == "?")
            return "'?' is Quartz's notation, not crontab's: write *";

        var dash = range.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            if (ReadValue(range, out _) is { } badValue)
                return badValue;
            return slash < 0 ? null : $"a step applies to * or a range, not to the single value '{range}': write {range}-{High}{item[slash..]}";
        }

        var (startText, endText) = (range[..dash], range[(dash + 1)..]);
        if (startText.Length == 0 || endText.Length == 0)
            return $"'{range}' is not a range: give both ends, as in {Low}-{High}";
        if (ReadValue(startText, out var start) is { } badStart)
            return badStart;
        if (ReadValue(endText, out var end) is { } badEnd)
            return badEnd;
        return start > end
            ? $"the range {range} runs backwards ({start} is after {end}): a range goes from its lower value to its higher, as in {end}-{start}"
            : null;
    }

    string? CheckStep(string step)
    {
        var largest = High - Low;
        if (step.Length == 0)
            return "'/' must be followed by a step, a whole number";
        if (!step.All(char.IsAsciiDigit))
            return $"the step '{step}' is not a whole number";
        var size = step.Length > MaxDigits ? int.MaxValue : int.Parse(step, CultureInfo.InvariantCulture);
        if (size == 0)
            return "a step of 0 is not a step: use a step of 1 or more";
        return size > largest ? $"the step {step} is too large: it must be from 1 to {largest}" : null;
    }

    string? ReadValue(string text, out int value)
    {
        value = 0;
        if (text.All(char.IsAsciiDigit))
        {
            if (text.Length <= MaxDigits)
                value = int.Parse(text, CultureInfo.InvariantCulture);
            return text.Length <= MaxDigits && value >= Low && value <= High
                ? null
                : $"{text} is out of range: {Name} values are from {Low} to {High}";
        }

        if (text.All(char.IsAsciiLetter))
        {
            var index = Array.FindIndex(_names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                value = _firstNamed + index;
                return null;
            }

            return _names.Length == 0
                ? $"'{text}' is not a number, and the {Name} field takes no names"
                : $"'{text}' is not a {Name} name: use {_names[0]} to {_names[^1]} (three letters) or a number from {Low} to {High}";
        }

        return $"'{text}' is not a value of the {Name} field: use a number from {Low} to {High}"
               + (_names.Length == 0 ? "" : $" or a name from {_names[0]} to {_names[^1]}");
    }
}

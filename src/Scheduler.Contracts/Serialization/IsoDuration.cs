using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Scheduler.Contracts.Serialization;

/// <summary>
/// ISO 8601 durations of fixed length: <c>PnW</c> or <c>PnDTnHnMnS</c> (seconds may have a fraction).
/// Years and months are refused because their length depends on the calendar.
/// </summary>
public static partial class IsoDuration
{
    // [0-9], not \d: \d also matches other scripts' digits (Arabic-Indic, Devanagari...), which decimal.Parse refuses.
    [GeneratedRegex(@"^(?<sign>-)?P(?:(?<w>[0-9]+)W|(?:(?<d>[0-9]+)D)?(?:T(?:(?<h>[0-9]+)H)?(?:(?<m>[0-9]+)M)?(?:(?<s>[0-9]+(?:[.,][0-9]+)?)S)?)?)$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();

    /// <summary>Parses an ISO 8601 duration such as <c>PT5S</c>, <c>P1D</c> or <c>PT1H30M</c>.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;

        var match = Pattern().Match(text.Trim());
        if (!match.Success || text.EndsWith('T') || text.Trim().Equals("P", StringComparison.OrdinalIgnoreCase)
            || text.Trim().Equals("-P", StringComparison.OrdinalIgnoreCase))
            return false;

        try
        {
            var ticks = 0m;
            ticks += Part(match, "w") * 7 * TimeSpan.TicksPerDay;
            ticks += Part(match, "d") * TimeSpan.TicksPerDay;
            ticks += Part(match, "h") * TimeSpan.TicksPerHour;
            ticks += Part(match, "m") * TimeSpan.TicksPerMinute;
            ticks += Part(match, "s") * TimeSpan.TicksPerSecond;
            if (ticks > TimeSpan.MaxValue.Ticks)
                return false;

            var value = TimeSpan.FromTicks((long)ticks);
            duration = match.Groups["sign"].Success ? value.Negate() : value;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Parses an ISO 8601 duration or throws <see cref="FormatException"/>.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration)
            ? duration
            : throw new FormatException($"'{text}' is not an ISO 8601 duration such as PT5S, PT1H30M or P1D.");

    /// <summary>Formats a duration the shortest ISO 8601 way, for example <c>PT1M30S</c> or <c>P1D</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
            return "PT0S";

        var builder = new StringBuilder();
        if (duration < TimeSpan.Zero)
        {
            builder.Append('-');
            duration = duration.Duration();
        }

        builder.Append('P');
        if (duration.Days > 0)
            builder.Append(CultureInfo.InvariantCulture, $"{duration.Days}D");

        var time = duration - TimeSpan.FromDays(duration.Days);
        if (time > TimeSpan.Zero)
        {
            builder.Append('T');
            if (time.Hours > 0)
                builder.Append(CultureInfo.InvariantCulture, $"{time.Hours}H");
            if (time.Minutes > 0)
                builder.Append(CultureInfo.InvariantCulture, $"{time.Minutes}M");

            var seconds = time - new TimeSpan(time.Hours, time.Minutes, 0);
            if (seconds > TimeSpan.Zero)
            {
                var text = (seconds.Ticks / (decimal)TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture);
                builder.Append(text).Append('S');
            }
        }

        return builder.ToString();
    }

    static decimal Part(Match match, string name)
    {
        var group = match.Groups[name];
        return group.Success ? decimal.Parse(group.Value.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : 0m;
    }
}

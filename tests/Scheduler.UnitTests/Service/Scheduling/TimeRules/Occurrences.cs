using Scheduler.Service.Scheduling;

namespace Scheduler.UnitTests.Service.Scheduling.TimeRules;

/// <summary>Walks a rule from an instant, the way the scheduler advances a recurring job.</summary>
internal static class Occurrences
{
    public static IReadOnlyList<DateTimeOffset> Take(TimeRule rule, DateTimeOffset from, int count)
    {
        var found = new List<DateTimeOffset>();
        for (var next = rule.NextAfter(from); next is { } due && found.Count < count; next = rule.NextAfter(due))
            found.Add(due);
        return found;
    }

    public static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset[] Utc(params string[] isos) => isos.Select(Utc).ToArray();
}

using Scheduler.Contracts;

namespace Scheduler.Service.Scheduling.TimeRules;

/// <summary>A cron rule's choice for local times a daylight saving change skips or repeats, with the defaults DESIGN.md fixes.</summary>
public sealed record DstChoice(SkippedTimePolicy Skipped, RepeatedTimePolicy Repeated)
{
    /// <summary>A skipped time runs after the gap; a repeated one runs once, first pass.</summary>
    public static readonly DstChoice Default = new(SkippedTimePolicy.RunAfter, RepeatedTimePolicy.First);

    /// <summary>The choice a schedule makes, parts left out taking the default.</summary>
    public static DstChoice From(DaylightSavingPolicy? policy) =>
        new(policy?.Skipped ?? Default.Skipped, policy?.Repeated ?? Default.Repeated);

    /// <summary>
    /// The kind a stored rule starts with: <c>cron</c> for the default choice (as rules were stored before there was
    /// a choice), else <c>cron[skip,both]</c> naming both parts.
    /// </summary>
    public string StoredKind => this == Default ? "cron" : $"cron[{Name(Skipped)},{Name(Repeated)}]";

    /// <summary>Reads a stored kind back; null when it is not a cron kind.</summary>
    public static DstChoice? FromStoredKind(string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (kind == "cron")
            return Default;
        if (!kind.StartsWith("cron[", StringComparison.Ordinal) || !kind.EndsWith(']'))
            return null;

        var parts = kind[5..^1].Split(',');
        return parts.Length == 2 && ReadSkipped(parts[0]) is { } skipped && ReadRepeated(parts[1]) is { } repeated
            ? new DstChoice(skipped, repeated)
            : null;
    }

    /// <summary>The policy's wire name (<c>runAfter</c>, <c>skip</c>).</summary>
    public static string Name(SkippedTimePolicy policy) => policy == SkippedTimePolicy.Skip ? "skip" : "runAfter";

    /// <summary>The policy's wire name (<c>first</c>, <c>both</c>).</summary>
    public static string Name(RepeatedTimePolicy policy) => policy == RepeatedTimePolicy.Both ? "both" : "first";

    /// <summary>Reads a wire name, as given in a query (case-sensitive, as the JSON is).</summary>
    public static SkippedTimePolicy? ReadSkipped(string text) => text switch
    {
        "runAfter" => SkippedTimePolicy.RunAfter,
        "skip" => SkippedTimePolicy.Skip,
        _ => null,
    };

    /// <summary>Reads a wire name, as given in a query.</summary>
    public static RepeatedTimePolicy? ReadRepeated(string text) => text switch
    {
        "first" => RepeatedTimePolicy.First,
        "both" => RepeatedTimePolicy.Both,
        _ => null,
    };
}

using System.Text.Json.Serialization;

namespace Scheduler.Contracts;

/// <summary>
/// What a cron schedule does with local times that a daylight saving change skips or repeats. Either part left out
/// keeps the default: a skipped time runs once at the first valid instant after it, a repeated one runs once, first pass.
/// </summary>
public sealed record DaylightSavingPolicy
{
    /// <summary>A local time skipped by spring-forward: <c>runAfter</c> (default) or <c>skip</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SkippedTimePolicy? Skipped { get; init; }

    /// <summary>A local time repeated by fall-back: <c>first</c> (default) or <c>both</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public RepeatedTimePolicy? Repeated { get; init; }
}

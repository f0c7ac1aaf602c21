using System.Text.Json.Serialization;

namespace Scheduler.Contracts;

/// <summary>What happens to occurrences missed while the scheduler was down.</summary>
public sealed record MisfirePolicy
{
    /// <summary>The action taken for missed occurrences.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MisfireAction? Policy { get; init; }

    /// <summary>How late an occurrence may still run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimeSpan? GraceTime { get; init; }
}

using System.Text.Json.Serialization;

namespace Scheduler.Contracts;

/// <summary>How many runs of one job may run at once.</summary>
public sealed record ConcurrencyPolicy
{
    /// <summary>Runs of the job at once (1 to 10).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MaxInstances { get; init; }

    /// <summary>What happens to an occurrence that comes while the job is at its limit.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OverlapMode? Overlap { get; init; }
}

using System.Text.Json;

namespace Scheduler.Contracts;

/// <summary>One handler a consumer host serves, as it announces it.</summary>
public sealed record HandlerAnnouncement
{
    /// <summary>The handler's name, which jobs refer to.</summary>
    public required string Name { get; init; }

    /// <summary>The queue its runs are sent to.</summary>
    public required string Queue { get; init; }

    /// <summary>How many runs the host executes at once.</summary>
    public int Concurrency { get; init; }

    /// <summary>The JSON schema of the handler's payload, when the handler is typed.</summary>
    public JsonElement? PayloadSchema { get; init; }
}

namespace Scheduler.Contracts;

/// <summary>Event: a consumer host is shutting down; its handlers are offline there from now.</summary>
public sealed record HostStopped
{
    /// <summary>The host.</summary>
    public required string Host { get; init; }

    /// <summary>The handlers it served.</summary>
    public required IReadOnlyList<string> Handlers { get; init; }

    /// <summary>When it stopped taking runs.</summary>
    public DateTimeOffset Timestamp { get; init; }
}

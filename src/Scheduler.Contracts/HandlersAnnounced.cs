namespace Scheduler.Contracts;

/// <summary>
/// Event: a consumer host is online and serves these handlers. Published when it starts and again at each
/// heartbeat, so the scheduler knows which handlers are online, where, and since when.
/// </summary>
public sealed record HandlersAnnounced
{
    /// <summary>The host, for example <c>worker-7/4711</c>.</summary>
    public required string Host { get; init; }

    /// <summary>The handlers it serves.</summary>
    public required IReadOnlyList<HandlerAnnouncement> Handlers { get; init; }

    /// <summary>When the host started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the host will announce itself again at the latest; after that it counts as gone.</summary>
    public TimeSpan HeartbeatInterval { get; init; }

    /// <summary>When this announcement was made.</summary>
    public DateTimeOffset Timestamp { get; init; }
}

using System.Text.Json;

namespace Scheduler.Service.Handlers;

/// <summary>
/// One handler on one consumer host, as its announcements told it: kept after the host goes, so that a handler once
/// announced stays known. Online while the host has announced itself within three heartbeats and has not stopped.
/// </summary>
public sealed class HandlerHost
{
    /// <summary>Heartbeats a host may miss before it counts as gone.</summary>
    public const int MissedHeartbeats = 3;

    public string Handler { get; set; } = "";
    public string Host { get; set; } = "";
    public string Queue { get; set; } = "";
    public int Concurrency { get; set; }
    public JsonElement? PayloadSchema { get; set; }
    public TimeSpan HeartbeatInterval { get; set; }

    /// <summary>When the host started (its clock).</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>When the scheduler first heard of this handler on this host.</summary>
    public DateTimeOffset FirstSeenAt { get; set; }

    /// <summary>When the scheduler last heard from the host.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>When the host said it stopped; null while it runs (or died without saying).</summary>
    public DateTimeOffset? StoppedAt { get; set; }

    public bool IsOnline(DateTimeOffset now) => StoppedAt is null && now - LastSeenAt <= HeartbeatInterval * MissedHeartbeats;
}

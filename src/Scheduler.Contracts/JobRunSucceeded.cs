using System.Text.Json;

namespace Scheduler.Contracts;

/// <summary>Event: a run's handler completed.</summary>
public sealed record JobRunSucceeded
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The run.</summary>
    public Guid RunId { get; init; }

    /// <summary>The attempt number within the occurrence.</summary>
    public int Attempt { get; init; }

    /// <summary>When the handler started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the handler completed.</summary>
    public DateTimeOffset CompletedAt { get; init; }

    /// <summary>How long the handler ran, in milliseconds.</summary>
    public long DurationMs { get; init; }

    /// <summary>What the handler returned, if anything.</summary>
    public JsonElement? Result { get; init; }

    /// <summary>The consumer host that ran it.</summary>
    public string? Host { get; init; }
}

namespace Scheduler.Contracts;

/// <summary>Event: a running handler reported how far it has come.</summary>
public sealed record JobRunProgressed
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The run.</summary>
    public Guid RunId { get; init; }

    /// <summary>How far, from 0 to 100; null when the handler only says what it is doing.</summary>
    public double? Percent { get; init; }

    /// <summary>What the handler is doing, for a person.</summary>
    public string? Message { get; init; }

    /// <summary>When the handler reported it.</summary>
    public DateTimeOffset Timestamp { get; init; }
}

namespace Scheduler.Contracts;

/// <summary>Event: the <c>health-check</c> handler found a URL that did not answer as expected.</summary>
public sealed record ServiceUnhealthy
{
    /// <summary>The URL checked.</summary>
    public required string Url { get; init; }

    /// <summary>The HTTP status it answered with; null when it did not answer.</summary>
    public int? StatusCode { get; init; }

    /// <summary>What went wrong, for a person.</summary>
    public required string Reason { get; init; }

    /// <summary>The job whose run checked it.</summary>
    public Guid JobId { get; init; }

    /// <summary>The run that checked it.</summary>
    public Guid RunId { get; init; }

    /// <summary>When the check failed.</summary>
    public DateTimeOffset Timestamp { get; init; }
}

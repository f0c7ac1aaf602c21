namespace Scheduler.Contracts;

/// <summary>
/// Alert: a run has gone on longer than its job's <c>alertAfter</c>. Published once per run by the consumer host that
/// runs it; the run goes on (its <c>timeout</c>, if any, still ends it).
/// </summary>
public sealed record JobRunOverdue
{
    /// <summary>The job.</summary>
    public Guid JobId { get; init; }

    /// <summary>The run.</summary>
    public Guid RunId { get; init; }

    /// <summary>The tenant that owns the job.</summary>
    public required string TenantId { get; init; }

    /// <summary>The handler running it.</summary>
    public required string Handler { get; init; }

    /// <summary>The attempt within its occurrence, from 1.</summary>
    public int Attempt { get; init; }

    /// <summary>When the handler started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The job's <c>alertAfter</c> that the run went past.</summary>
    public TimeSpan AlertAfter { get; init; }

    /// <summary>The consumer host running it.</summary>
    public required string Host { get; init; }

    /// <summary>When the alert was raised.</summary>
    public DateTimeOffset Timestamp { get; init; }
}

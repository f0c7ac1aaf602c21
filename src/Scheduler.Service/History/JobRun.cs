using System.Text.Json;
using Scheduler.Contracts;

namespace Scheduler.Service.History;

/// <summary>One attempt at one occurrence of a job, as recorded by the scheduler.</summary>
public sealed class JobRun
{
    public Guid Id { get; set; }
    public Guid JobId { get; set; }
    public string TenantId { get; set; } = Tenants.Default;
    public int Attempt { get; set; } = 1;
    public RunStatus Status { get; set; } = RunStatus.Pending;
    public DateTimeOffset ScheduledFor { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the attempt is due to go to its handler: at once for a first attempt, after the backoff for a retry.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>When the scheduler sent the run to its handler's queue; null while a retry waits for its backoff.</summary>
    public DateTimeOffset? SentAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public long? DurationMs { get; set; }
    public ErrorCategory? ErrorCategory { get; set; }
    public string? ErrorMessage { get; set; }
    public JsonElement? Result { get; set; }

    /// <summary>The consumer host that ran it.</summary>
    public string? Host { get; set; }

    /// <summary>The handler's latest progress report: how far, from 0 to 100.</summary>
    public double? Progress { get; set; }

    /// <summary>The handler's latest progress report: what it is doing.</summary>
    public string? ProgressMessage { get; set; }

    /// <summary>When the latest progress report was made.</summary>
    public DateTimeOffset? ProgressAt { get; set; }

    /// <summary>The dead letter this run replays, if it is a replay (or a retry of one).</summary>
    public Guid? ReplayOf { get; set; }

    /// <summary>For a dead letter: the run that replayed it; a dead letter is replayed at most once.</summary>
    public Guid? ReplayedBy { get; set; }

    /// <summary>True once the run has an outcome; a later report of it changes nothing.</summary>
    /// <summary>A copy to decide on; its values are immutable, so a shallow copy is a full one.</summary>
    public JobRun Copy() => (JobRun)MemberwiseClone();

    public bool IsFinished => Status is not (RunStatus.Pending or RunStatus.Running);
}

using System.Text.Json;
using MassTransit;
using Scheduler.Contracts;
using Scheduler.Service.History;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// The persisted state of one job: the instance of <see cref="JobStateMachine"/>, keyed by the job id.
/// Plain data; its rules live in <see cref="JobDecider"/>.
/// </summary>
public sealed class JobState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    /// <summary>The state machine's state, as the index MassTransit assigns (see <see cref="JobStatus"/>).</summary>
    public int CurrentState { get; set; }

    public string TenantId { get; set; } = Tenants.Default;
    public string Name { get; set; } = "";
    public string Handler { get; set; } = "";
    public JsonElement? Payload { get; set; }
    public JobSchedule? Schedule { get; set; }
    public JobPriority Priority { get; set; } = JobPriority.Normal;
    public RetryPolicy? Retry { get; set; }
    public TimeSpan? Timeout { get; set; }
    public TimeSpan? AlertAfter { get; set; }
    public ConcurrencyPolicy? Concurrency { get; set; }
    public MisfirePolicy? Misfire { get; set; }
    public string? IdempotencyKey { get; set; }

    /// <summary>The job's stable name (see <see cref="ScheduleJob.Key"/>), unique per tenant among jobs not deleted.</summary>
    public string? Key { get; set; }
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; set; }

    /// <summary>Jobs scheduled when an occurrence ends succeeded (see <see cref="ScheduleJob.OnSuccess"/>).</summary>
    public IReadOnlyList<ScheduleJob>? OnSuccess { get; set; }

    /// <summary>Jobs scheduled when an occurrence ends faulted (see <see cref="ScheduleJob.OnFailure"/>).</summary>
    public IReadOnlyList<ScheduleJob>? OnFailure { get; set; }

    /// <summary>For a follow-up: the job whose run scheduled it.</summary>
    public Guid? ParentJobId { get; set; }

    /// <summary>For a follow-up: the parent's run whose end scheduled it.</summary>
    public Guid? ParentRunId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? LastRunAt { get; set; }
    public DateTimeOffset? NextRunAt { get; set; }
    public int RunCount { get; set; }
    public int FailureCount { get; set; }

    /// <summary>The run in progress or waiting for a consumer, if any.</summary>
    public Guid? CurrentRunId { get; set; }

    /// <summary>The token of the pending one-shot due message (MassTransit's saga schedule); null when none is pending.</summary>
    public Guid? DueTokenId { get; set; }

    /// <summary>
    /// The run a one-shot's due message carries: written ahead, as <see cref="Scheduler.Contracts.ExecuteJob"/> due at the
    /// job's instant, so the dispatcher sends it to the handler itself. Its run record opens when its consumer first reports.
    /// </summary>
    public Guid? ArmedRunId { get; set; }

    /// <summary>The latest occurrence the job has handled: a due message for it or an earlier one is a duplicate.</summary>
    public DateTimeOffset? LastOccurrenceAt { get; set; }

    /// <summary>Occurrences out and not finished yet: sent to a consumer, or failed and waiting to be retried.</summary>
    public int ActiveRuns { get; set; }

    /// <summary>Occurrences waiting for a free slot (see <see cref="ConcurrencyPolicy"/>), oldest first; null when none wait.</summary>
    public IReadOnlyList<DateTimeOffset>? QueuedOccurrences { get; set; }

    /// <summary>When the job was deleted through the API: it is cancelled and hidden from lists, its history kept.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>How the latest finished occurrence ended.</summary>
    public RunStatus? LastRunStatus { get; set; }

    /// <summary>While paused: when the pause ends by itself (null: when it is resumed).</summary>
    public DateTimeOffset? PausedUntil { get; set; }

    /// <summary>The longest <see cref="PauseReason"/> kept.</summary>
    public const int MaxPauseReasonLength = 500;

    /// <summary>While paused: why, as the pause said.</summary>
    public string? PauseReason { get; set; }

    /// <summary>The token of the due message that ends the pause at <see cref="PausedUntil"/>.</summary>
    public Guid? PauseTokenId { get; set; }

    /// <summary>A copy to decide on (see <see cref="JobDecider"/>); the values it holds are immutable, so a shallow copy is a full one.</summary>
    public JobState Copy() => (JobState)MemberwiseClone();

    /// <summary>Takes every value of <paramref name="decided"/>: the stored instance becomes the job as decided.</summary>
    public void CopyFrom(JobState decided)
    {
        ArgumentNullException.ThrowIfNull(decided);
        CorrelationId = decided.CorrelationId;
        CurrentState = decided.CurrentState;
        TenantId = decided.TenantId;
        Name = decided.Name;
        Handler = decided.Handler;
        Payload = decided.Payload;
        Schedule = decided.Schedule;
        Priority = decided.Priority;
        Retry = decided.Retry;
        Timeout = decided.Timeout;
        AlertAfter = decided.AlertAfter;
        Concurrency = decided.Concurrency;
        Misfire = decided.Misfire;
        IdempotencyKey = decided.IdempotencyKey;
        Key = decided.Key;
        Metadata = decided.Metadata;
        OnSuccess = decided.OnSuccess;
        OnFailure = decided.OnFailure;
        ParentJobId = decided.ParentJobId;
        ParentRunId = decided.ParentRunId;
        CreatedAt = decided.CreatedAt;
        UpdatedAt = decided.UpdatedAt;
        LastRunAt = decided.LastRunAt;
        NextRunAt = decided.NextRunAt;
        RunCount = decided.RunCount;
        FailureCount = decided.FailureCount;
        CurrentRunId = decided.CurrentRunId;
        DueTokenId = decided.DueTokenId;
        ArmedRunId = decided.ArmedRunId;
        LastOccurrenceAt = decided.LastOccurrenceAt;
        ActiveRuns = decided.ActiveRuns;
        QueuedOccurrences = decided.QueuedOccurrences;
        DeletedAt = decided.DeletedAt;
        LastRunStatus = decided.LastRunStatus;
        PausedUntil = decided.PausedUntil;
        PauseReason = decided.PauseReason;
        PauseTokenId = decided.PauseTokenId;
    }
}

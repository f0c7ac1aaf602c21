using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>Run records of the job of <see cref="JobStates"/> as the store holds them, and what a consumer reports about them.</summary>
public static class JobRuns
{
    /// <summary>An earlier occurrence's dead letter: its three attempts spent.</summary>
    public static readonly Guid DeadLetterId = Guid.Parse("0190f0aa-0000-7000-8000-00000000b0dd");

    /// <summary>A run of the job's occurrence before <see cref="JobStates.Now"/>, sent, with <paramref name="status"/>.</summary>
    public static JobRun Run(RunStatus status, int attempt = 1, Guid? id = null)
    {
        var occurrence = JobStates.Now.AddMinutes(-1);
        return new JobRun
        {
            Id = id ?? JobStates.RunId,
            JobId = JobStates.JobId,
            Attempt = attempt,
            Status = status,
            ScheduledFor = occurrence,
            CreatedAt = occurrence,
            DueAt = occurrence,
            SentAt = occurrence,
            StartedAt = status == RunStatus.Pending ? null : occurrence.AddSeconds(1),
            CompletedAt = status is RunStatus.Pending or RunStatus.Running ? null : occurrence.AddSeconds(2),
        };
    }

    /// <summary>A retry waiting for its backoff: not sent yet, due at <see cref="JobStates.Now"/>.</summary>
    public static JobRun RetryWaiting()
    {
        var run = Run(RunStatus.Pending, attempt: 2);
        run.CreatedAt = JobStates.Now.AddSeconds(-30);
        run.DueAt = JobStates.Now;
        run.SentAt = null;
        return run;
    }

    public static JobRun DeadLetter()
    {
        var run = Run(RunStatus.Faulted, attempt: 3, id: DeadLetterId);
        var occurrence = JobStates.Now.AddMinutes(-2);
        run.ScheduledFor = run.CreatedAt = occurrence;
        run.DueAt = run.SentAt = occurrence;
        run.ErrorCategory = ErrorCategory.Transient;
        run.ErrorMessage = "the ledger service is down";
        return run;
    }

    public static JobRunStarted Started(JobRun run, DateTimeOffset? at = null) => new()
    {
        JobId = run.JobId, RunId = run.Id, Attempt = run.Attempt, StartedAt = at ?? JobStates.Now.AddSeconds(-1), Host = "worker-1",
    };

    public static JobRunSucceeded Succeeded(JobRun run, DateTimeOffset? at = null)
    {
        var completed = at ?? JobStates.Now;
        return new()
        {
            JobId = run.JobId, RunId = run.Id, Attempt = run.Attempt, StartedAt = completed.AddSeconds(-1), CompletedAt = completed,
            DurationMs = 1000, Host = "worker-1",
        };
    }

    public static JobRunFailed Failed(JobRun run, ErrorCategory category, DateTimeOffset? at = null)
    {
        var completed = at ?? JobStates.Now;
        return new()
        {
            JobId = run.JobId, RunId = run.Id, Attempt = run.Attempt, StartedAt = completed.AddSeconds(-1), CompletedAt = completed,
            DurationMs = 1000, Error = new RunError(category, "the ledger service is down"), Host = "worker-1",
        };
    }

    /// <summary>The runs a decision stores, by id, to read as the store would have them for the next input.</summary>
    public static IReadOnlyList<JobRun> Saved(JobDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Effects.OfType<JobEffect.SaveRun>().Select(s => s.Run).ToList();
    }
}

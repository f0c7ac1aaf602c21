using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Writes a job's runs and audit entries. It shares the consume scope's <see cref="SchedulerDbContext"/>
/// with the saga repository, so what it writes commits in the same transaction as the job's new state.
/// </summary>
public sealed class JobLedger(SchedulerDbContext db, TimeProvider clock)
{
    /// <summary>The current instant to the microsecond, the precision PostgreSQL keeps, so what is stored reads back equal.</summary>
    public DateTimeOffset Now
    {
        get
        {
            var now = clock.GetUtcNow();
            return now.AddTicks(-(now.UtcTicks % 10));
        }
    }

    public JobRun OpenRun(JobState job, DateTimeOffset scheduledFor, int attempt = 1, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        var run = new JobRun
        {
            Id = id ?? Guid.CreateVersion7(Now),
            JobId = job.CorrelationId,
            TenantId = job.TenantId,
            Attempt = attempt,
            Status = RunStatus.Pending,
            ScheduledFor = scheduledFor,
            CreatedAt = Now,
        };
        db.Runs.Add(run);
        return run;
    }

    /// <summary>Records an occurrence that did not run (its misfire or overlap policy dropped it).</summary>
    public JobRun RecordSkippedRun(JobState job, DateTimeOffset occurrence)
    {
        var run = OpenRun(job, occurrence);
        run.Status = RunStatus.Skipped;
        run.CompletedAt = Now;
        return run;
    }

    /// <summary>The job's runs that have no outcome yet: sent and waiting, running, or waiting for a retry.</summary>
    public async Task<IReadOnlyList<JobRun>> UnfinishedRunsAsync(Guid jobId, CancellationToken cancellationToken) =>
        await db.Runs.Where(r => r.JobId == jobId && (r.Status == RunStatus.Pending || r.Status == RunStatus.Running))
            .OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>The tenant's job created with <paramref name="idempotencyKey"/>, if there is one.</summary>
    public Task<JobState?> FindJobByIdempotencyKeyAsync(string tenantId, string idempotencyKey, CancellationToken cancellationToken) =>
        // The saga looks a key up before it validates the command; a text with U+0000 was never stored, and PostgreSQL
        // refuses it even as a query parameter.
        tenantId.Contains('\0', StringComparison.Ordinal) || idempotencyKey.Contains('\0', StringComparison.Ordinal)
            ? Task.FromResult<JobState?>(null)
            : db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.TenantId == tenantId && j.IdempotencyKey == idempotencyKey, cancellationToken);

    public async Task<JobRun?> FindRunAsync(Guid runId, Guid jobId, CancellationToken cancellationToken)
    {
        var run = await db.Runs.FindAsync([runId], cancellationToken);
        return run?.JobId == jobId ? run : null;
    }

    public void Record(JobState job, string @event, string actor, JobStatus? from, JobStatus to, Guid? runId = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        db.Audit.Add(new AuditEntry
        {
            JobId = job.CorrelationId,
            TenantId = job.TenantId,
            At = Now,
            Event = @event,
            Actor = actor,
            FromStatus = from?.ToWireName(),
            ToStatus = to.ToWireName(),
            RunId = runId,
            Detail = detail,
        });
    }

    public static string ConsumerActor(string? host) => string.IsNullOrEmpty(host) ? "consumer" : $"consumer:{host}";

    public static string Describe(RunError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return $"{error.Category.ToString().ToLowerInvariant()}: {error.Message}";
    }
}

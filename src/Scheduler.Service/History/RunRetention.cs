using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.History;

/// <summary>
/// Removes old runs under <see cref="RetentionOptions"/>. Runs without an outcome are never removed, and failures
/// are kept longer than successes, because they are what someone comes back to look at.
/// </summary>
public sealed class RunRetention(SchedulerDbContext db, IOptions<RetentionOptions> options, TimeProvider clock)
{
    static readonly RunStatus[] Successes = [RunStatus.Succeeded, RunStatus.Skipped];
    static readonly RunStatus[] Failures = [RunStatus.Failed, RunStatus.TimedOut, RunStatus.Faulted];

    /// <summary>Removes what has expired under the configured policy; returns how many runs were removed.</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken) => PruneAsync(options.Value, cancellationToken);

    /// <summary>Removes what has expired under <paramref name="policy"/>; returns how many runs were removed.</summary>
    public async Task<int> PruneAsync(RetentionOptions policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var now = clock.GetUtcNow();
        var succeededBefore = now - policy.SucceededFor;
        var failedBefore = now - policy.FailedFor;

        var removed = await db.Runs
            .Where(r => Successes.Contains(r.Status) && r.CompletedAt < succeededBefore)
            .ExecuteDeleteAsync(cancellationToken);
        removed += await db.Runs
            .Where(r => Failures.Contains(r.Status) && r.CompletedAt < failedBefore)
            .ExecuteDeleteAsync(cancellationToken);

        var cap = policy.MaxSucceededRunsPerJob;
        removed += await db.Runs
            .Where(r => Successes.Contains(r.Status)
                        && db.Runs.Count(newer => newer.JobId == r.JobId && Successes.Contains(newer.Status)
                                                  && (newer.CreatedAt > r.CreatedAt || (newer.CreatedAt == r.CreatedAt && newer.Id.CompareTo(r.Id) > 0))) >= cap)
            .ExecuteDeleteAsync(cancellationToken);

        // The occurrence ledger is kept as long as the longer-lived runs it points at.
        var ledgerBefore = now - (policy.FailedFor > policy.SucceededFor ? policy.FailedFor : policy.SucceededFor);
        await db.Occurrences.Where(o => o.RecordedAt < ledgerBefore).ExecuteDeleteAsync(cancellationToken);
        return removed;
    }
}

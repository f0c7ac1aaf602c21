using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Handlers;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Api;

/// <summary>
/// Reads one job as the API answers with it, with whether a consumer of its handler is online, in one query: the
/// job and its handler's hosts come back in one round trip instead of two (the job, then every host of every handler).
/// </summary>
public sealed class JobViewReader(SchedulerDbContext db, TimeProvider clock)
{
    /// <returns>The job, or null when the caller's tenant has no job <paramref name="jobId"/>.</returns>
    public async Task<JobResponse?> ReadAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var found = await db.Jobs.AsNoTracking()
            .Where(j => j.CorrelationId == jobId)
            .Select(j => new { Job = j, Hosts = db.HandlerHosts.Where(h => h.Handler == j.Handler).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
            return null;

        var now = clock.GetUtcNow();
        return JobResponse.From(found.Job, found.Hosts.Exists(h => h.IsOnline(now)));
    }
}

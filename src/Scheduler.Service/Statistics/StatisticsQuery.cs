using Microsoft.EntityFrameworkCore;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Statistics;

/// <summary>
/// Computes <see cref="SchedulerStatistics"/> from the jobs and runs the context may see (a request sees its tenant's).
/// Counts are grouped in the database; durations are read for the window and ranked here, which suits the windows an
/// operator asks for (an hour, a day) at the run rates one instance sustains.
/// </summary>
public sealed class StatisticsQuery(SchedulerDbContext db, TimeProvider clock)
{
    static readonly RunStatus[] Outcomes = [RunStatus.Succeeded, RunStatus.Failed, RunStatus.TimedOut, RunStatus.Faulted];

    public async Task<SchedulerStatistics> RunAsync(TimeSpan window, CancellationToken cancellationToken)
    {
        var to = clock.GetUtcNow();
        var from = to - window;

        var jobs = await db.Jobs.AsNoTracking().Where(j => j.DeletedAt == null)
            .GroupBy(j => new { j.Handler, j.CurrentState })
            .Select(g => new { g.Key.Handler, g.Key.CurrentState, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Pending || r.Status == RunStatus.Running || r.CompletedAt >= from)
            .Join(db.Jobs, r => r.JobId, j => j.CorrelationId, (r, j) => new { j.Handler, r.Status, Waiting = r.SentAt == null })
            .GroupBy(r => new { r.Handler, r.Status, r.Waiting })
            .Select(g => new { g.Key.Handler, g.Key.Status, g.Key.Waiting, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var durations = await db.Runs.AsNoTracking()
            .Where(r => r.CompletedAt >= from && r.DurationMs != null && Outcomes.Contains(r.Status))
            .Join(db.Jobs, r => r.JobId, j => j.CorrelationId, (r, j) => new { j.Handler, Duration = r.DurationMs!.Value })
            .ToListAsync(cancellationToken);

        HandlerStatistics Figures(string? handler)
        {
            bool Mine(string h) => handler is null || h == handler;
            var jobCounts = Enum.GetValues<JobStatus>().ToDictionary(s => s.ToWireName(),
                s => jobs.Where(j => Mine(j.Handler) && j.CurrentState == (int)s).Sum(j => j.Count));
            var mine = runs.Where(r => Mine(r.Handler)).ToList();
            int Count(RunStatus status) => mine.Where(r => r.Status == status).Sum(r => r.Count);
            var runCounts = new Dictionary<string, int>
            {
                ["delayed"] = mine.Where(r => r.Status == RunStatus.Pending && r.Waiting).Sum(r => r.Count),
                ["queued"] = mine.Where(r => r.Status == RunStatus.Pending && !r.Waiting).Sum(r => r.Count),
                ["running"] = Count(RunStatus.Running),
                ["succeeded"] = Count(RunStatus.Succeeded),
                ["failed"] = Count(RunStatus.Failed),
                ["timedOut"] = Count(RunStatus.TimedOut),
                ["faulted"] = Count(RunStatus.Faulted),
                ["skipped"] = Count(RunStatus.Skipped),
            };
            var finished = runCounts["succeeded"] + runCounts["failed"] + runCounts["timedOut"] + runCounts["faulted"];
            return new HandlerStatistics(handler, jobCounts, runCounts,
                finished == 0 ? null : Math.Round((double)runCounts["succeeded"] / finished, 4),
                DurationPercentiles.Of(durations.Where(d => Mine(d.Handler)).Select(d => d.Duration).ToList()));
        }

        var handlers = jobs.Select(j => j.Handler).Concat(runs.Select(r => r.Handler)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new SchedulerStatistics(window, from, to, Figures(null), handlers.Select(Figures).ToList());
    }
}

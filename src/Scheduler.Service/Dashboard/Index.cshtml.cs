using System.Globalization;
using Scheduler.Service.Api;
using Scheduler.Service.DeadLetters;
using Scheduler.Service.Handlers;
using Scheduler.Service.History;
using Scheduler.Service.Persistence;
using Scheduler.Service.Statistics;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Dashboard;

/// <summary>
/// <c>/dashboard</c>: the overview — jobs by status, runs and dead letters of the last hour and day, success rate and
/// durations per handler, what runs next, recent failures, the scheduler's pause and handlers offline, and a chart of
/// runs per minute. Every figure comes from the API's own queries (<c>/api/stats</c>, <c>/api/jobs</c>, <c>/api/runs</c>,
/// <c>/api/handlers</c>, <c>/api/scheduler</c>).
/// </summary>
public sealed class IndexModel(SchedulerDbContext db, StatisticsQuery statistics, IDeadLetterStore deadLetters, HandlerPresence presence, JobViewReader views,
    HandlerCatalog catalog, TimeProvider clock) : DashboardPage
{
    /// <summary>How many runs of the last hour the chart reads at most (pages of the runs list).</summary>
    public const int ChartRunLimit = 2_000;

    const int Shown = 8;

    public SchedulerStatistics? LastHour { get; private set; }

    public SchedulerStatistics? LastDay { get; private set; }

    public IReadOnlyList<JobResponse> NextDue { get; private set; } = [];

    public IReadOnlyList<RunResponse> RecentFailures { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> FailedJobNames { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyList<HandlerResponse> OfflineHandlers { get; private set; } = [];

    public SchedulerStateResponse? Scheduler { get; private set; }

    public string Chart { get; private set; } = "";

    public bool ChartTruncated { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        LastHour = ApiAnswer.Value<SchedulerStatistics>(await StatsApi.GetStatsAsync("PT1H", statistics, deadLetters, cancellationToken));
        LastDay = ApiAnswer.Value<SchedulerStatistics>(await StatsApi.GetStatsAsync("P1D", statistics, deadLetters, cancellationToken));

        var scheduled = ApiAnswer.Value<JobPage>(await JobsApi.ListJobsAsync("scheduled", null, null, ListQuery.MaxLimit.ToString(CultureInfo.InvariantCulture),
            null, null, db, presence, cancellationToken));
        NextDue = [.. (scheduled?.Items ?? []).Where(j => j.NextRunAt is not null).OrderBy(j => j.NextRunAt).Take(Shown)];

        var failures = new List<RunResponse>();
        foreach (var status in new[] { RunStatus.Faulted, RunStatus.Failed, RunStatus.TimedOut })
            failures.AddRange(ApiAnswer.Value<RunPage>(await RunsApi.ListRunsAsync(status.ToWireName(), null, null, null, null,
                Shown.ToString(CultureInfo.InvariantCulture), null, db, cancellationToken))?.Items ?? []);
        RecentFailures = [.. failures.OrderByDescending(r => r.CompletedAt ?? r.ScheduledFor).Take(Shown)];
        FailedJobNames = await JobNames.ReadAsync(RecentFailures, views, cancellationToken);

        var handlers = ApiAnswer.Value<List<HandlerResponse>>(await HandlersApi.ListHandlersAsync(catalog, presence, cancellationToken)) ?? [];
        OfflineHandlers = [.. handlers.Where(h => !h.Online && !h.BuiltIn)];
        // As GET /api/scheduler: an admin's only (a member's connection may not read the scheduler's tables on PostgreSQL).
        Scheduler = IsAdmin ? await SchedulerApi.ReadStateAsync(db, cancellationToken) : null;

        var (runs, truncated) = await LastHourRunsAsync(cancellationToken);
        Chart = RunsChart.Render(runs, clock.GetUtcNow());
        ChartTruncated = truncated;
    }

    async Task<(List<RunResponse> Runs, bool Truncated)> LastHourRunsAsync(CancellationToken cancellationToken)
    {
        var from = clock.GetUtcNow().AddMinutes(-RunsChart.Minutes - 1).ToString("O", CultureInfo.InvariantCulture);
        var runs = new List<RunResponse>();
        string? cursor = null;
        do
        {
            var page = ApiAnswer.Value<RunPage>(await RunsApi.ListRunsAsync(null, null, null, from, null,
                ListQuery.MaxLimit.ToString(CultureInfo.InvariantCulture), cursor, db, cancellationToken));
            if (page is null)
                break;
            runs.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null && runs.Count < ChartRunLimit);
        return (runs, cursor is not null);
    }

    /// <summary>The runs of a window with an outcome of <paramref name="status"/> (the keys of <c>/api/stats</c>).</summary>
    public static int Runs(SchedulerStatistics? figures, string status) =>
        figures?.Overall.Runs.GetValueOrDefault(status) ?? 0;
}

using System.Globalization;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Contracts;
using Scheduler.Service.Api;
using Scheduler.Service.Handlers;
using Scheduler.Service.History;
using Scheduler.Service.Persistence;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Dashboard;

/// <summary>
/// <c>/dashboard/runs</c>: the runs of every job of the tenant, filtered by status, handler and time range through
/// <c>GET /api/runs</c>; with <c>?status=faulted</c>, the dead letters, each with a replay.
/// </summary>
public sealed class RunsModel(SchedulerDbContext db, JobViewReader views, HandlerCatalog catalog, TimeProvider clock) : DashboardPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Handler { get; set; }

    /// <summary>ISO 8601 instant: runs scheduled for it or later.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>ISO 8601 instant: runs scheduled before it.</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? JobId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public RunPage? Runs { get; private set; }

    public IReadOnlyDictionary<Guid, string> JobNames { get; private set; } = new Dictionary<Guid, string>();

    public string? Problem { get; private set; }

    public IReadOnlyList<string> Handlers { get; private set; } = [];

    public bool DeadLetters => string.Equals(Status, nameof(RunStatus.Faulted), StringComparison.OrdinalIgnoreCase);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var answer = await RunsApi.ListRunsAsync(Filter(Status), Filter(Handler), Filter(JobId), Filter(From), Filter(To),
            PageSize.ToString(CultureInfo.InvariantCulture), Filter(Cursor), db, cancellationToken);
        Runs = ApiAnswer.Value<RunPage>(answer);
        Problem = ApiAnswer.Problem(answer);
        Handlers = [.. catalog.Names.Order(StringComparer.Ordinal)];
        if (Runs is not null)
            JobNames = await Dashboard.JobNames.ReadAsync(Runs.Items, views, cancellationToken);
    }

    /// <summary>Replays a dead letter as <c>POST /api/runs/{runId}/replay</c> does, named <c>dashboard</c> in the audit trail.</summary>
    public async Task<IActionResult> OnPostReplayAsync(string runId, [FromServices] IRequestClient<ReplayRun> scheduler, CancellationToken cancellationToken)
    {
        var dead = Guid.TryParse(runId, out var id) ? ApiAnswer.Value<RunResponse>(await RunsApi.GetRunAsync(id, db, cancellationToken)) : null;
        if (dead is null)
            return NotFound();

        var (replayed, problem) = await JobCommands.SendAsync<ReplayRun, RunReplayed>(scheduler, new ReplayRun { JobId = dead.JobId, RunId = dead.Id },
            dead.JobId, Actor, cancellationToken);
        return AfterAction(problem is null ? null : ApiAnswer.Problem(problem),
            $"Run {dead.Id} replayed as run {replayed?.RunId}.", $"{DashboardCookie.Path}/runs?status=faulted");
    }

    public string PageLink(string? cursor) =>
        $"{DashboardCookie.Path}/runs?status={Escape(Status)}&handler={Escape(Handler)}&from={Escape(From)}&to={Escape(To)}&jobId={Escape(JobId)}"
        + (cursor is null ? "" : $"&cursor={Escape(cursor)}");

    /// <summary>The same filters, over the runs scheduled within <paramref name="span"/> before now.</summary>
    public string RangeLink(TimeSpan span) =>
        $"{DashboardCookie.Path}/runs?status={Escape(Status)}&handler={Escape(Handler)}&jobId={Escape(JobId)}"
        + $"&from={Escape((clock.GetUtcNow() - span).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}";

    static string Escape(string? value) => Uri.EscapeDataString(value ?? "");
}

using Microsoft.AspNetCore.Mvc;
using Scheduler.Service.Api;
using Scheduler.Service.Handlers;
using Scheduler.Service.Persistence;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Dashboard;

/// <summary><c>/dashboard/jobs</c>: the jobs of the key's tenant, newest first, filtered and paged by <c>GET /api/jobs</c> itself.</summary>
public sealed class JobsModel(SchedulerDbContext db, HandlerPresence presence, HandlerCatalog catalog) : DashboardPage
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Handler { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public JobPage? Jobs { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyList<string> Handlers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var answer = await JobsApi.ListJobsAsync(Filter(Status), Filter(Handler), Filter(Name), PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Filter(Cursor), includeDeleted: null, db, presence, cancellationToken);
        Jobs = ApiAnswer.Value<JobPage>(answer);
        Problem = ApiAnswer.Problem(answer);
        Handlers = [.. catalog.Names.Order(StringComparer.Ordinal)];
    }

    /// <summary>The link to the next page, keeping the filters.</summary>
    public string NextPageLink(string cursor) =>
        $"{DashboardCookie.Path}/jobs?status={Uri.EscapeDataString(Status ?? "")}&handler={Uri.EscapeDataString(Handler ?? "")}"
        + $"&name={Uri.EscapeDataString(Name ?? "")}&cursor={Uri.EscapeDataString(cursor)}";
}

using Scheduler.Service.Api;
using Scheduler.Service.Handlers;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Dashboard;

/// <summary><c>/dashboard/handlers</c>: each handler as <c>GET /api/handlers</c> gives it — online or not, its hosts, its payload schema.</summary>
public sealed class HandlersModel(HandlerCatalog catalog, HandlerPresence presence) : DashboardPage
{
    public IReadOnlyList<HandlerResponse> Handlers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Handlers = ApiAnswer.Value<List<HandlerResponse>>(await HandlersApi.ListHandlersAsync(catalog, presence, cancellationToken)) ?? [];
}

using Microsoft.AspNetCore.Http.HttpResults;
using Scheduler.Contracts;
using Scheduler.Service.Handlers;
using Scheduler.Service.Tenancy;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Api;

/// <summary><c>/api/handlers</c>: the handlers a job may name, whether a consumer serves each one now, where, and since when.</summary>
public static class HandlersApi
{
    public static IEndpointRouteBuilder MapHandlersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/handlers", ListHandlersAsync)
            .WithTags("Handlers").RequireAuthorization(ApiKeyAuthentication.MemberPolicy)
            .WithName("ListHandlers").WithSummary("The handlers jobs may name (built in, configured, or ever announced by a consumer), online or not, and their hosts");
        return app;
    }

    internal static async Task<Ok<List<HandlerResponse>>> ListHandlersAsync(HandlerCatalog catalog, HandlerPresence presence,
        CancellationToken cancellationToken)
    {
        var hosts = await presence.HostsAsync(cancellationToken);
        var handlers = catalog.Names.Order(StringComparer.Ordinal).Select(name =>
        {
            var mine = hosts.Where(h => h.Host.Handler == name).OrderByDescending(h => h.Host.LastSeenAt).ToList();
            return new HandlerResponse(
                name,
                HandlerEndpoint.QueueName(name),
                catalog.SourceOf(name) == HandlerSource.BuiltIn,
                (catalog.SourceOf(name) ?? HandlerSource.Announced).ToString().ToLowerInvariant(),
                mine.Any(h => h.Online),
                mine.FirstOrDefault(h => h.Host.PayloadSchema is not null).Host?.PayloadSchema,
                mine.Select(h => new HandlerHostResponse(h.Host.Host, h.Online, h.Host.Concurrency, h.Host.StartedAt, h.Host.FirstSeenAt,
                    h.Host.LastSeenAt, h.Host.StoppedAt)).ToList());
        }).ToList();
        return TypedResults.Ok(handlers);
    }
}

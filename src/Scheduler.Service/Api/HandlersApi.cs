using Scheduler.Consumers.BuiltIn;
using Scheduler.Contracts;
using Scheduler.Service.Tenancy;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Api;

/// <summary><c>/api/handlers</c>: the handlers a job may name, and the queue each one's runs go to.</summary>
public static class HandlersApi
{
    public static IEndpointRouteBuilder MapHandlersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/handlers", (HandlerCatalog catalog) => TypedResults.Ok(catalog.Names.Order(StringComparer.Ordinal)
                .Select(name => new HandlerResponse(name, HandlerEndpoint.QueueName(name), BuiltInHandlers.Names.Contains(name)))
                .ToList()))
            .WithTags("Handlers").RequireAuthorization(ApiKeyAuthentication.MemberPolicy)
            .WithName("ListHandlers").WithSummary("The handlers jobs may name: built in, or configured under Scheduler:KnownHandlers")
            .Produces<IReadOnlyList<HandlerResponse>>();
        return app;
    }
}

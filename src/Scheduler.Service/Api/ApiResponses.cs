using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing.Patterns;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary>
/// The answers of the API that no handler returns, declared on every route so that the OpenAPI document lists them:
/// 401 (no valid key) and 403 (a member key on an admin route) from authorization, 429 from the rate limit, 503 with
/// <c>Retry-After</c> from an outage (<see cref="OutageExceptionHandler"/>), 400 for a malformed GUID id
/// (<see cref="MalformedIdEndpointDataSource"/>), and 413 and 415 on a route that reads a JSON body (<see cref="JsonRequestBody"/>).
/// What a handler answers itself is in its result types and the route's own <c>Produces</c>.
/// </summary>
public static class ApiResponses
{
    const string ProblemJson = "application/problem+json";

    /// <summary>
    /// Maps the API routes <paramref name="map"/> adds in a group that declares those answers, and the answer to a
    /// malformed id of each.
    /// </summary>
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app, Action<IEndpointRouteBuilder> map)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(map);

        var api = app.MapGroup("");
        ((IEndpointConventionBuilder)api).Finally(Declare);
        map(api);
        app.DataSources.Add(new MalformedIdEndpointDataSource([.. ((IEndpointRouteBuilder)api).DataSources]));
        return app;
    }

    // Finally: after the groups' own conventions, so that their authorization is known.
    static void Declare(EndpointBuilder endpoint)
    {
        if (endpoint is not RouteEndpointBuilder { RoutePattern: var pattern })
            return;

        var authorize = endpoint.Metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count > 0 && !endpoint.Metadata.OfType<IAllowAnonymous>().Any())
        {
            Add(endpoint, StatusCodes.Status401Unauthorized);
            if (authorize.Any(a => a.Policy == ApiKeyAuthentication.AdminPolicy))
                Add(endpoint, StatusCodes.Status403Forbidden);
        }

        if (pattern.Parameters.Any(p => p.ParameterPolicies.Any(policy => policy.Content == "guid")))
            Add(endpoint, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
        if (endpoint.Metadata.OfType<IAcceptsMetadata>().Any())
        {
            Add(endpoint, StatusCodes.Status413PayloadTooLarge);
            Add(endpoint, StatusCodes.Status415UnsupportedMediaType);
        }

        Add(endpoint, StatusCodes.Status429TooManyRequests);
        Add(endpoint, StatusCodes.Status503ServiceUnavailable);
    }

    // A status the route declares already (by its handler's result types or its own Produces) is left as it is.
    static void Add(EndpointBuilder endpoint, int status, Type? type = null)
    {
        if (endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(m => m.StatusCode == status))
            return;
        endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, type ?? typeof(ProblemDetails), [ProblemJson]));
    }
}

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace Scheduler.Service.Api;

/// <summary>
/// For every API route with a GUID id (<c>{id:guid}</c>, <c>{runId:guid}</c>), the same route without the constraint,
/// which only a malformed id reaches (a constrained segment wins over a plain one among endpoints that match alike): it answers 400 naming the field, as
/// bad input is answered everywhere, rather than the 404 of a route that does not match. It keeps the methods and the
/// authorization of its route, and stays out of the OpenAPI document and of <c>GET /</c>.
/// </summary>
internal sealed class MalformedIdEndpointDataSource(IReadOnlyList<EndpointDataSource> sources) : EndpointDataSource
{
    const string GuidConstraint = "guid";

    readonly Lazy<IReadOnlyList<Endpoint>> _endpoints = new(() =>
        [.. sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().Select(TwinOf).OfType<Endpoint>()]);

    // Read once routing starts, when every route has been mapped.
    public override IReadOnlyList<Endpoint> Endpoints => _endpoints.Value;

    public override IChangeToken GetChangeToken() => new CancellationChangeToken(CancellationToken.None);

    static RouteEndpoint? TwinOf(RouteEndpoint endpoint)
    {
        var ids = endpoint.RoutePattern.Parameters
            .Where(p => p.ParameterPolicies.Any(policy => policy.Content == GuidConstraint))
            .Select(p => p.Name)
            .ToList();
        if (ids.Count == 0 || endpoint.RoutePattern.RawText is not { } text)
            return null;

        var pattern = RoutePatternFactory.Parse(text.Replace($":{GuidConstraint}}}", "}", StringComparison.Ordinal));
        // What routing matches on (methods, content types, hosts) and who may call: the twin is chosen among the same candidates.
        var metadata = endpoint.Metadata
            .Where(m => m is IHttpMethodMetadata or IAcceptsMetadata or IHostMetadata or IAuthorizeData or IAllowAnonymous or AuthorizationPolicy)
            .Append(new ExcludeFromDescriptionAttribute());
        return new RouteEndpoint(context => AnswerAsync(context, ids), pattern, endpoint.Order, new EndpointMetadataCollection(metadata),
            $"{endpoint.DisplayName} (malformed id)");
    }

    static Task AnswerAsync(HttpContext context, List<string> ids)
    {
        var field = ids.First(id => !Guid.TryParse(context.Request.RouteValues[id]?.ToString(), out _));
        return ApiProblems.Invalid(field, "must be a GUID").ExecuteAsync(context);
    }
}

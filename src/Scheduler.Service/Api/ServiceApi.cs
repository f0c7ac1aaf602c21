using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Scheduler.Service.Hosting;

namespace Scheduler.Service.Api;

/// <summary><c>GET /</c>: what this service is, how it runs, and its routes.</summary>
public static partial class ServiceApi
{
    public static IEndpointRouteBuilder MapServiceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (EndpointDataSource endpoints, DeploymentMode mode) => TypedResults.Ok(Describe(endpoints, mode)))
            .WithTags("Service").WithName("DescribeService").WithSummary("The service, its deployment mode and its routes")
            .AllowAnonymous();
        return app;
    }

    static ServiceDescription Describe(EndpointDataSource endpoints, DeploymentMode mode)
    {
        // The routes of the API; the dashboard's pages are excluded from its description, as from the OpenAPI document.
        var routes = endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new ServiceRoute(method, "/" + Plain(e.RoutePattern.RawText ?? "").TrimStart('/'), e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary)))
            .OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
        var version = typeof(ServiceApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return new ServiceDescription("Scheduler", version, mode.Describe(), "/openapi/v1.json", routes);
    }

    /// <summary>A route as the OpenAPI document writes it: without its constraints (<c>{id:guid}</c> is <c>{id}</c>).</summary>
    static string Plain(string route) => Constraint().Replace(route, "{$1}");

    [GeneratedRegex(@"\{(\w+):[^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Constraint();
}

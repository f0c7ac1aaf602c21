using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Documentation;

/// <summary>docs/rest-api.md lists every route the service serves, as the service itself describes them at <c>GET /</c>.</summary>
[Collection(EmbeddedDeploymentDefinition.Name)]
public sealed partial class RestApiDocumentationTests(EmbeddedDeployment deployment)
{
    [Fact]
    public async Task Every_route_the_service_serves_is_in_the_rest_api_page()
    {
        var page = await File.ReadAllTextAsync(Path.Combine(RepositoryCheckout.Root(), "docs", "rest-api.md"));
        var service = await deployment.Api.GetFromJsonAsync<JsonElement>("/");

        var routes = service.GetProperty("routes").EnumerateArray()
            .Select(r => $"{r.GetProperty("method").GetString()} {Documented(r.GetProperty("path").GetString()!)}")
            .Where(r => !r.Contains(" /openapi/", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        var missing = routes.Where(route => !page.Contains($"`{route}`", StringComparison.Ordinal)).ToList();

        Assert.Contains("POST /api/jobs", routes);
        Assert.True(missing.Count == 0, $"docs/rest-api.md does not list these routes; add a row for each:\n{string.Join('\n', missing)}");
    }

    /// <summary>A route as the page writes it: no trailing slash, no route constraints (<c>{id:guid}</c> is <c>{id}</c>).</summary>
    static string Documented(string path)
    {
        var plain = Constraint().Replace(path, "{$1}");
        return plain.Length > 1 ? plain.TrimEnd('/') : plain;
    }

    [GeneratedRegex(@"\{(\w+)[:?][^}]*\}", RegexOptions.CultureInvariant)]
    private static partial Regex Constraint();
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Asserts that a response is a 400 whose problem details name a field.</summary>
internal static class FieldProblem
{
    public static async Task AssertNamesAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}

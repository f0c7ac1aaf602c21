using System.Text;
using System.Text.Json;
using Scheduler.Contracts.Serialization;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>JSON bodies to send to the API and to read from its answers.</summary>
public static class ApiJson
{
    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        // As deep as the service writes: a job with a long chain of follow-ups nests far deeper than the default 64.
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(), new JsonDocumentOptions { MaxDepth = SchedulerJson.MaxDepth }).RootElement.Clone();
    }
}

using System.Text;
using System.Text.Json;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>JSON bodies to send to the API and to read from its answers.</summary>
public static class ApiJson
{
    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}

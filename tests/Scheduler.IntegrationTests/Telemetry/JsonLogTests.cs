using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Telemetry;

/// <summary>The consumer host's logs as JSON, with each run's fields on the lines about it.</summary>
public sealed class JsonLogTests
{
    [Fact]
    public async Task Json_logs_carry_run_id_job_id_tenant_and_handler_on_the_lines_about_a_run()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        await using var consumer = await ConsumerProcess.StartAsync(deployment.RabbitMqUri, deployment.PostgresConnectionString,
            new Dictionary<string, string> { ["Logging:Console:FormatterName"] = "json" });
        var instance = await deployment.StartInstanceAsync();
        using var api = instance.CreateClient();
        using var created = await api.PostAsync("/api/jobs",
            new StringContent("""{"name": "logged", "handler": "noop"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var jobId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var line = await Eventually.Until(() => Task.FromResult(consumer.Output.FirstOrDefault(l => l.Contains(jobId.ToString(), StringComparison.Ordinal)
            && l.Contains("started on handler", StringComparison.Ordinal))), l => l is not null, "the run's start in the consumer host's log");

        using var entry = JsonDocument.Parse(line!);
        var fields = entry.RootElement.GetProperty("Scopes").EnumerateArray().Single(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("RunId", out _));
        Assert.Equal(jobId, fields.GetProperty("JobId").GetGuid());
        Assert.Equal("default", fields.GetProperty("TenantId").GetString());
        Assert.Equal("noop", fields.GetProperty("Handler").GetString());
        Assert.NotEqual(Guid.Empty, fields.GetProperty("RunId").GetGuid());
    }
}

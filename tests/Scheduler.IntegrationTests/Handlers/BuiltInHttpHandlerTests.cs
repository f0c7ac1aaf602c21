using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Handlers;

/// <summary>The <c>http</c> and <c>health-check</c> handlers against a local test server, with an allow-list of 127.0.0.1.</summary>
public sealed class BuiltInHttpHandlerTests
{
    static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    static async Task<(WebApplication Server, string Url)> StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = builder.Build();
        server.MapPost("/orders", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            return Results.Text($"created {body} for {request.Headers["X-Tenant"]}", statusCode: 201);
        });
        server.MapGet("/healthy", () => Results.Ok("fine"));
        server.MapGet("/broken", () => Results.StatusCode(503));
        server.MapGet("/large", () => Results.Text(new string('z', 10_000)));
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (server, address.TrimEnd('/'));
    }

    static async Task<JsonElement> RunOfAsync(HttpClient api, string body, string status)
    {
        using var created = await api.PostAsync("/api/jobs", Json(body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return await Eventually.Until(async () => (await api.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}/runs")) is { } runs && runs.GetArrayLength() > 0 ? runs[0] : default,
            r => r.ValueKind == JsonValueKind.Object && r.GetProperty("status").GetString() == status, $"the run to be {status}");
    }

    [Fact]
    public async Task The_http_handler_calls_an_allowed_host_records_status_and_body_and_refuses_others()
    {
        var (server, url) = await StartServerAsync();
        await using var _ = server;
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        var instance = await deployment.StartInstanceAsync();
        using var api = instance.CreateClient();
        await using var consumer = await ConsumerService.StartAsync(deployment.RabbitMqUri, settings: new Dictionary<string, string>
        {
            ["Scheduler:Http:AllowedHosts:0"] = "127.0.0.1",
            ["Scheduler:Http:AllowedHosts:1"] = "169.254.169.254",
            ["Scheduler:Http:MaxBodyExcerpt"] = "100",
        });

        var posted = await RunOfAsync(api, $$$"""
            {"name": "create order", "handler": "http", "payload": {"url": "{{{url}}}/orders", "method": "POST",
             "headers": {"X-Tenant": "acme"}, "body": {"sku": "A-1"}, "expectedStatus": 201}}
            """, "succeeded");
        var result = posted.GetProperty("result");
        Assert.Equal(201, result.GetProperty("status").GetInt32());
        Assert.Equal("""created {"sku":"A-1"} for acme""", result.GetProperty("body").GetString());
        Assert.False(result.GetProperty("truncated").GetBoolean());

        var large = await RunOfAsync(api, $$$"""{"name": "large", "handler": "http", "payload": {"url": "{{{url}}}/large"}}""", "succeeded");
        Assert.Equal(100, large.GetProperty("result").GetProperty("body").GetString()!.Length);
        Assert.True(large.GetProperty("result").GetProperty("truncated").GetBoolean());

        var offList = await RunOfAsync(api, $$$"""{"name": "elsewhere", "handler": "http", "payload": {"url": "{{{url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal)}}}/orders"}}""", "faulted");
        Assert.Equal("permanent", offList.GetProperty("error").GetProperty("category").GetString());
        Assert.Contains("allow-list", offList.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        var metadata = await RunOfAsync(api, """{"name": "metadata", "handler": "http", "payload": {"url": "http://169.254.169.254/latest/meta-data/"}}""", "faulted");
        Assert.Equal("permanent", metadata.GetProperty("error").GetProperty("category").GetString());
        Assert.Contains("link-local", metadata.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        var unexpected = await RunOfAsync(api, $$$"""{"name": "wrong status", "handler": "http", "retry": {"maxAttempts": 1}, "payload": {"url": "{{{url}}}/broken"}}""", "faulted");
        Assert.Equal("transient", unexpected.GetProperty("error").GetProperty("category").GetString());
        Assert.Contains("503", unexpected.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_check_handler_reports_each_url_and_publishes_ServiceUnhealthy_for_a_failing_one()
    {
        var (server, url) = await StartServerAsync();
        await using var _ = server;
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        var instance = await deployment.StartInstanceAsync();
        using var api = instance.CreateClient();
        await using var consumer = await ConsumerService.StartAsync(deployment.RabbitMqUri,
            settings: new Dictionary<string, string> { ["Scheduler:Http:AllowedHosts:0"] = "127.0.0.1" });
        var unhealthy = new ConcurrentQueue<ServiceUnhealthy>();
        var listener = deployment.ClientBus.ConnectReceiveEndpoint(e => e.Handler<ServiceUnhealthy>(context =>
        {
            unhealthy.Enqueue(context.Message);
            return Task.CompletedTask;
        }));
        await listener.Ready;

        var run = await RunOfAsync(api, $$$"""{"name": "probe", "handler": "health-check", "payload": {"urls": ["{{{url}}}/healthy", "{{{url}}}/broken"]}}""", "succeeded");

        var result = run.GetProperty("result");
        Assert.False(result.GetProperty("healthy").GetBoolean());
        var checks = result.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("url").GetString()!);
        Assert.True(checks[$"{url}/healthy"].GetProperty("healthy").GetBoolean());
        Assert.Equal(503, checks[$"{url}/broken"].GetProperty("status").GetInt32());
        var published = await Eventually.Until(() => Task.FromResult(unhealthy.ToList()), events => events.Count >= 1, "the ServiceUnhealthy event");
        var single = Assert.Single(published);
        Assert.Equal($"{url}/broken", single.Url);
        Assert.Equal(503, single.StatusCode);
        Assert.Equal(run.GetProperty("id").GetGuid(), single.RunId);
    }
}

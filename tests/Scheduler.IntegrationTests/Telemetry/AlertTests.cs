using System.Collections.Concurrent;
using System.Net;
using System.Text;
using MassTransit;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Telemetry;

/// <summary>Alerts a team can consume from RabbitMQ.</summary>
public sealed class AlertTests
{
    [Fact]
    public async Task Runs_waiting_for_a_handler_with_no_host_online_raise_HandlerUnavailable_on_the_bus()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false,
            settings: new Dictionary<string, string> { ["Scheduler:Telemetry:SampleInterval"] = "00:00:00.250" });
        var alerts = new ConcurrentQueue<HandlerUnavailable>();
        var endpoint = deployment.ClientBus.ConnectReceiveEndpoint("alerts-test", e => e.Handler<HandlerUnavailable>(context =>
        {
            alerts.Enqueue(context.Message);
            return Task.CompletedTask;
        }));
        await endpoint.Ready;
        var instance = await deployment.StartInstanceAsync();
        using var api = instance.CreateClient();

        for (var i = 0; i < 2; i++)
        {
            using var created = await api.PostAsync("/api/jobs", new StringContent("""{"name": "stuck", "handler": "noop"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var alert = await Eventually.Until(() => Task.FromResult(alerts.FirstOrDefault()), a => a is not null, "HandlerUnavailable for noop");
        Assert.Equal("noop", alert!.Handler);
        Assert.InRange(alert.WaitingRuns, 1, 2);
        Assert.DoesNotContain(alerts, a => a.Handler != "noop");
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Telemetry;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the service pushes its traces and metrics there (OTLP over HTTP).</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Traces_and_metrics_go_to_the_otlp_endpoint_when_it_is_set()
    {
        var port = FreePort.Next();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var receiving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await collector.GetContextAsync().WaitAsync(stop.Token);
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    return;
                }

                received.Enqueue(context.Request.Url!.AbsolutePath);
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var deployment = new EmbeddedDeployment
        {
            Settings = new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            },
        };
        await deployment.InitializeAsync();
        try
        {
            using var created = await deployment.Api.PostAsync("/api/jobs",
                new StringContent("""{"name": "exported", "handler": "noop"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

            await Eventually.Until(() => Task.FromResult(received.ToArray()),
                paths => paths.Contains("/v1/traces") && paths.Contains("/v1/metrics"), "traces and metrics at the OTLP endpoint");
        }
        finally
        {
            await deployment.DisposeAsync();
            await stop.CancelAsync();
            await receiving;
        }
    }
}

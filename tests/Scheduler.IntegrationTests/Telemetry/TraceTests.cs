using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;
using Scheduler.Consumers.Hosting;
using Scheduler.Consumers.Telemetry;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Telemetry;

/// <summary>
/// One job's trace across the service and a consumer host on RabbitMQ and PostgreSQL, each host with its own tracer and
/// in-memory exporter. The two hosts share this test's process, so each exporter hears every span; what tells them apart
/// is where a span can happen: the REST call only in the service, and the run of <c>noop</c> only on the consumer host
/// (on RabbitMQ the service serves no built-in handler).
/// </summary>
public sealed class TraceTests
{
    [Fact]
    public async Task A_job_scheduled_over_rest_is_one_trace_through_the_due_table_to_the_handler_on_the_consumer_host()
    {
        await using var deployment = await IsolatedDeployment.StartAsync(withConsumers: false);
        var consumerSpans = new List<Activity>();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:rabbitmq"] = deployment.RabbitMqUri;
        builder.Configuration[$"{ConsumerMetricsOptions.SectionName}:Port"] = "0";
        builder.Configuration[TelemetryNames.TracesSetting] = "true";
        builder.Services.AddJobHandlers(builder.Configuration, bus => bus.AddBuiltInJobHandlers());
        builder.Services.AddConsumerTelemetry(builder.Configuration);
        builder.Services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(consumerSpans));
        using var consumerHost = builder.Build();
        await consumerHost.StartAsync();

        var serviceSpans = new List<Activity>();
        await using var service = new SchedulerServiceFactory(deployment.PostgresConnectionString, deployment.RabbitMqUri,
                settings: new Dictionary<string, string> { [TelemetryNames.TracesSetting] = "true" })
            .WithWebHostBuilder(b => b.ConfigureTestServices(s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(serviceSpans))));
        using var api = service.CreateClient();
        try
        {
            using var created = await api.PostAsync("/api/jobs",
                new StringContent("""{"name": "traced", "handler": "noop", "schedule": {"delay": "PT1S"}}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

            var request = await Eventually.Until(() => Task.FromResult(Snapshot(serviceSpans).FirstOrDefault(IsPostJob)), s => s is not null,
                "the REST call's span");
            var run = await Eventually.Until(
                () => Task.FromResult(Snapshot(consumerSpans).FirstOrDefault(s => s.TraceId == request!.TraceId && IsHandlerRun(s))),
                s => s is not null, "the handler's run on the consumer host in the REST call's trace",
                TimeSpan.FromSeconds(30));

            var trace = Snapshot(serviceSpans).Where(s => s.TraceId == request!.TraceId).ToList();
            Assert.Contains(trace, s => s.OperationName == "scheduler.due dispatch");
            // The outcome the consumer host reported is recorded by the service in the same trace.
            await Eventually.Until(() => Task.FromResult(Snapshot(serviceSpans).Any(s => s.TraceId == request!.TraceId && s.Kind == ActivityKind.Consumer
                && s.DisplayName.Contains("scheduler-run-reports", StringComparison.Ordinal))), found => found, "the recorded outcome in the trace");
            Assert.Equal(request!.TraceId, run!.TraceId);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException(exception.Message + "\nspans:\n" + string.Join('\n', Snapshot(serviceSpans).Where(s => s.Source.Name != "Npgsql").Select(Describe)), exception);
        }
        finally
        {
            await consumerHost.StopAsync();
        }
    }

    static bool IsPostJob(Activity span) =>
        span.Kind == ActivityKind.Server && span.DisplayName.StartsWith("POST", StringComparison.Ordinal) && span.DisplayName.Contains("/api/jobs", StringComparison.Ordinal);

    static bool IsHandlerRun(Activity span) =>
        span.Kind == ActivityKind.Consumer && span.DisplayName.Contains("scheduler-handler-noop", StringComparison.Ordinal);

    static string Describe(Activity span) => $"{span.TraceId} {span.SpanId} <- {span.ParentSpanId} {span.Kind} {span.Source.Name} {span.DisplayName}";

    static List<Activity> Snapshot(List<Activity> spans)
    {
        lock (spans)
            return [.. spans];
    }
}

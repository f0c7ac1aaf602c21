using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Scheduler.Consumers.Telemetry;

/// <summary>
/// A consumer host's telemetry: its runs' metrics and MassTransit's, served as Prometheus text on a port of its own
/// (<see cref="ConsumerMetricsOptions"/>), and traces of the runs it consumes; both also go out over OTLP when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class ConsumerTelemetryRegistration
{
    /// <summary>The service name a consumer host reports (<c>OTEL_SERVICE_NAME</c> overrides it).</summary>
    public const string ServiceName = "scheduler-consumers";

    public static IServiceCollection AddConsumerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var metrics = configuration.GetSection(ConsumerMetricsOptions.SectionName).Get<ConsumerMetricsOptions>() ?? new ConsumerMetricsOptions();
        if (metrics.Port is < 0 or > 65535)
            throw new InvalidOperationException($"{ConsumerMetricsOptions.SectionName}:Port must be between 0 (off) and 65535.");

        // JSON logs (Logging__Console__FormatterName=json) carry each run's fields, which come as a scope (RunLogScope).
        services.Configure<JsonConsoleFormatterOptions>(options => options.IncludeScopes = true);

        var otlp = !string.IsNullOrWhiteSpace(configuration[TelemetryNames.OtlpEndpointVariable]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(meters =>
            {
                meters.AddMeter(TelemetryNames.ConsumerMeter, TelemetryNames.MassTransit, TelemetryNames.Npgsql);
                if (metrics.Port > 0)
                    meters.AddPrometheusHttpListener(options =>
                    {
                        options.Port = metrics.Port;
                        options.ConfigureHttpListener = (exporter, http) =>
                        {
                            http.Prefixes.Clear();
                            http.Prefixes.Add($"http://{metrics.Host}:{exporter.Port}/metrics/");
                        };
                    });
                if (otlp)
                    meters.AddOtlpExporter();
            });
        if (TelemetryNames.TracesWanted(configuration))
            telemetry.WithTracing(traces =>
            {
                traces.AddSource(TelemetryNames.MassTransit, TelemetryNames.Npgsql);
                if (otlp)
                    traces.AddOtlpExporter();
            });
        return services;
    }
}

using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scheduler.Consumers.Telemetry;

namespace Scheduler.Service.Telemetry;

/// <summary>
/// The service's telemetry: its own meter, the in-process handlers' (embedded), MassTransit's, ASP.NET Core's and
/// Npgsql's, served as Prometheus text at <c>/metrics</c>; traces of HTTP requests, bus messages and SQL; both also over
/// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class ServiceTelemetryRegistration
{
    /// <summary>The service name the service reports (<c>OTEL_SERVICE_NAME</c> overrides it).</summary>
    public const string ServiceName = "scheduler";

    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddSchedulerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName)
            .Validate(o => o.SampleInterval > TimeSpan.Zero, $"{TelemetryOptions.SectionName}:SampleInterval must be positive.")
            .ValidateOnStart();
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.SectionName)
            .Validate(o => o.DispatcherLagThreshold > TimeSpan.Zero && o.RepeatEvery > TimeSpan.Zero,
                $"{AlertOptions.SectionName} needs a positive DispatcherLagThreshold and RepeatEvery.")
            .ValidateOnStart();
        services.AddSingleton<AlertRaiser>();
        services.AddHostedService<TelemetrySampler>();

        // JSON logs (Logging__Console__FormatterName=json) carry each run's fields, which come as a scope (RunLogScope).
        services.Configure<JsonConsoleFormatterOptions>(options => options.IncludeScopes = true);

        var otlp = !string.IsNullOrWhiteSpace(configuration[TelemetryNames.OtlpEndpointVariable]);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(meters =>
            {
                meters.AddMeter(TelemetryNames.ServiceMeter, TelemetryNames.ConsumerMeter, TelemetryNames.MassTransit, TelemetryNames.Npgsql)
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                    meters.AddOtlpExporter();
            });
        if (TelemetryNames.TracesWanted(configuration))
            telemetry.WithTracing(traces =>
            {
                traces.AddSource(TelemetryNames.ServiceActivitySource, TelemetryNames.MassTransit, TelemetryNames.Npgsql)
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsScrape(context) && !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal));
                if (otlp)
                    traces.AddOtlpExporter();
            });
        return services;
    }

    /// <summary>
    /// <c>/metrics</c>, open like the health endpoints (it says how busy the scheduler is, not what its jobs are): a
    /// middleware ahead of authentication, not an API route, so it stays out of the API's description and its rate limit.
    /// </summary>
    public static IApplicationBuilder UseSchedulerMetrics(this IApplicationBuilder app) =>
        app.UseOpenTelemetryPrometheusScrapingEndpoint(MetricsPath);

    static bool IsScrape(HttpContext context) => context.Request.Path.StartsWithSegments(MetricsPath, StringComparison.Ordinal);
}

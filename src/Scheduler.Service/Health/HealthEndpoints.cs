using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Scheduler.Service.Health;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (bus, database and dispatcher): 200 when healthy or
/// degraded, 503 when unhealthy; each check's figures are in its <c>data</c>.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", () => TypedResults.Ok(new HealthResponse(nameof(HealthStatus.Healthy), [])))
            .WithName("Live").WithSummary("The process answers").Produces<HealthResponse>();
        health.MapGet("/ready", ReadyAsync)
            .WithName("Ready").WithSummary("The bus and the database are reachable and the dispatcher keeps up")
            .Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    static async Task<IResult> ReadyAsync(HealthCheckService checks, CancellationToken cancellationToken)
    {
        var report = await checks.CheckHealthAsync(c => c.Tags.Contains(ReadyTag), cancellationToken);
        var body = new HealthResponse(report.Status.ToString(), report.Entries
            .Select(e => new HealthCheckResponse(e.Key, e.Value.Status.ToString(), e.Value.Description, (long)e.Value.Duration.TotalMilliseconds,
                e.Value.Data.Count == 0 ? null : e.Value.Data))
            .ToList());
        return report.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(body);
    }
}

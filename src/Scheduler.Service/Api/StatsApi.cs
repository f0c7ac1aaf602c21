using Microsoft.AspNetCore.Http.HttpResults;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.DeadLetters;
using Scheduler.Service.Statistics;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary><c>/api/stats</c>: jobs and runs by status, success rate and run durations over a window, overall and per handler.</summary>
public static class StatsApi
{
    static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(1);
    static readonly TimeSpan LongestWindow = TimeSpan.FromDays(31);

    public static IEndpointRouteBuilder MapStatsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stats", GetStatsAsync)
            .WithTags("Statistics").RequireAuthorization(ApiKeyAuthentication.MemberPolicy)
            .WithName("GetStats").WithSummary("Counts of jobs and runs by status, success rate and duration p50/p95/p99 over ?window (default PT1H), and the messages in the dead-letter queues")
            .ProducesValidationProblem();
        return app;
    }

    internal static async Task<Results<Ok<SchedulerStatistics>, ApiProblem>> GetStatsAsync(string? window, StatisticsQuery statistics,
        IDeadLetterStore deadLetters, CancellationToken cancellationToken)
    {
        var span = DefaultWindow;
        if (window is not null && (!IsoDuration.TryParse(window, out span) || span <= TimeSpan.Zero || span > LongestWindow))
            return ApiProblems.Invalid("window", "must be an ISO 8601 duration from PT1S to P31D, such as PT1H");

        var figures = await statistics.RunAsync(span, cancellationToken);
        try
        {
            return TypedResults.Ok(figures with { DeadLetters = await deadLetters.CountAsync(cancellationToken) });
        }
        catch (DeadLettersUnavailableException)
        {
            // The figures from the database stand without them; /health/ready says why they are missing.
            return TypedResults.Ok(figures);
        }
    }
}

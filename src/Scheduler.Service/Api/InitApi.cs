using Microsoft.AspNetCore.Http.HttpResults;
using Scheduler.Service.Declarations;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary><c>POST /api/init</c> (admin): applies the jobs declared in configuration again, and says what it did.</summary>
public static class InitApi
{
    public static IEndpointRouteBuilder MapInitApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/init", InitAsync).WithTags("Scheduler").RequireAuthorization(ApiKeyAuthentication.AdminPolicy)
            .WithName("Init").WithSummary("Upsert the jobs declared under Scheduler:Jobs by key; answers the keys created, changed, unchanged and rejected (with errors)");
        return app;
    }

    static async Task<Results<Ok<DeclaredJobsReport>, ApiProblem>> InitAsync(DeclaredJobsApplier applier, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await applier.ApplyAsync(cancellationToken));
        }
        catch (MassTransit.RequestTimeoutException)
        {
            return ApiProblems.Unavailable("The scheduler did not confirm the declared jobs in time; what it stored stays, call again.");
        }
    }
}

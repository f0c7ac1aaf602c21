using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Handlers;
using Scheduler.Service.Persistence;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary><c>/api/jobs/{id}/follow-ups</c>: the jobs a job's runs scheduled as its follow-ups (each shows its <c>parent</c>).</summary>
public static class JobFollowUpsApi
{
    /// <summary>The most follow-ups one answer lists.</summary>
    const int MaxListed = 500;

    public static IEndpointRouteBuilder MapJobFollowUpsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization(ApiKeyAuthentication.MemberPolicy)
            .MapGet("/{id:guid}/follow-ups", GetFollowUpsAsync)
            .WithName("GetJobFollowUps").WithSummary("The follow-up jobs a job's runs scheduled (onSuccess, onFailure), oldest first, at most 500")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    static async Task<Results<Ok<List<JobResponse>>, ApiProblem>> GetFollowUpsAsync([FromRoute(Name = "id")] Guid jobId, SchedulerDbContext db,
        HandlerPresence presence, CancellationToken cancellationToken)
    {
        if (!await db.Jobs.AnyAsync(j => j.CorrelationId == jobId, cancellationToken))
            return ApiProblems.JobNotFound(jobId);

        var followUps = await db.Jobs.AsNoTracking().Where(j => j.ParentJobId == jobId)
            .OrderBy(j => j.CreatedAt).ThenBy(j => j.CorrelationId).Take(MaxListed).ToListAsync(cancellationToken);
        var online = await presence.OnlineAsync(cancellationToken);
        return TypedResults.Ok(followUps.Select(job => JobResponse.From(job, online)).ToList());
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Handlers;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;
using Scheduler.Service.Tenancy;
using Scheduler.Service.Validation;
using Scheduler.Service.Telemetry;

namespace Scheduler.Service.Api;

/// <summary>
/// <c>/api/jobs/by-key/{key}</c>: a job declared under a stable key (unique per tenant among jobs not deleted). PUT
/// creates it or replaces its definition (a <see cref="ScheduleJob"/> with the key, decided by the job's rules); GET
/// and DELETE find it by its key.
/// </summary>
public static class JobKeysApi
{
    public static IEndpointRouteBuilder MapJobKeysApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/jobs/by-key").WithTags("Jobs").RequireAuthorization(ApiKeyAuthentication.MemberPolicy);

        keys.MapPut("/{key}", PutJobAsync)
            .WithName("PutJobByKey").WithSummary("Create the job with this key (201) or replace its definition (200, as PUT /api/jobs/{id}; the same definition changes nothing)")
            .Accepts<ScheduleJob>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        keys.MapGet("/{key}", GetJobAsync)
            .WithName("GetJobByKey").WithSummary("The job with this key").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        keys.MapDelete("/{key}", DeleteJobAsync)
            .WithName("DeleteJobByKey").WithSummary("Delete the job with this key (cancelled and hidden, its history kept); the key is free again")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    static async Task<Results<Created<JobResponse>, Ok<JobResponse>, ApiProblem>> PutJobAsync(string key, HttpRequest request,
        ScheduleJobValidator validator, IRequestClient<ScheduleJob> scheduler,
        TenantScope tenant, TimeProvider clock, JobViewReader views, SchedulerMetrics metrics, CancellationToken cancellationToken)
    {
        if (!ScheduleJobValidator.IsJobKey(key))
            return ApiProblems.Invalid("key", ScheduleJobValidator.JobKeyRule);

        var (body, problem) = await JsonRequestBody.ReadAsync<ScheduleJob>(request, cancellationToken);
        if (problem is not null)
            return problem;
        if (body!.Key is { } given && given != key)
            return ApiProblems.Invalid("key", $"must be absent or the key of the route ('{key}')");

        // The job id is used only if the key is new.
        return await JobScheduling.ScheduleAsync(body with { Key = key }, tenant.TenantId!, ApiKeyActor.Of(request.HttpContext.User), validator, clock, scheduler, views, metrics,
            cancellationToken);
    }

    static async Task<Results<Ok<JobResponse>, ApiProblem>> GetJobAsync(string key, SchedulerDbContext db, HandlerPresence presence,
        CancellationToken cancellationToken)
    {
        if (!ScheduleJobValidator.IsJobKey(key))
            return ApiProblems.Invalid("key", ScheduleJobValidator.JobKeyRule);

        var job = await FindAsync(db, key, cancellationToken);
        return job is null ? KeyNotFound(key) : TypedResults.Ok(JobResponse.From(job, await presence.OnlineAsync(cancellationToken)));
    }

    static async Task<Results<NoContent, ApiProblem>> DeleteJobAsync(string key, ClaimsPrincipal user, IRequestClient<DeleteJob> scheduler,
        SchedulerDbContext db, CancellationToken cancellationToken)
    {
        if (!ScheduleJobValidator.IsJobKey(key))
            return ApiProblems.Invalid("key", ScheduleJobValidator.JobKeyRule);
        if (await FindAsync(db, key, cancellationToken) is not { } job)
            return KeyNotFound(key);

        var (_, problem) = await JobCommands.SendAsync<DeleteJob, JobDeleted>(scheduler, new DeleteJob { JobId = job.CorrelationId }, job.CorrelationId,
            user, cancellationToken);
        if (problem is not null)
            return problem;
        return TypedResults.NoContent();
    }

    // The tenant's query filter keeps other tenants' jobs out.
    static Task<JobState?> FindAsync(SchedulerDbContext db, string key, CancellationToken cancellationToken) =>
        db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Key == key && j.DeletedAt == null, cancellationToken);

    static ApiProblem KeyNotFound(string key) =>
        ApiProblems.Status(StatusCodes.Status404NotFound, "Job not found", $"No job has the key '{key}'.");
}

using System.Security.Claims;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Handlers;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;
using Scheduler.Service.Persistence.Sagas;
using Scheduler.Service.Validation;
using Scheduler.Service.Telemetry;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary>
/// <c>/api/jobs</c>: schedule a job and read its state, runs and audit trail. Changes go through the
/// bus to the job lifecycle saga and answer once the saga has stored them; reads come from the database.
/// </summary>
public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization(ApiKeyAuthentication.MemberPolicy);

        jobs.MapPost("/", ScheduleJobAsync)
            .WithName("ScheduleJob").WithSummary("Schedule a job (same fields as the ScheduleJob message)")
            .Accepts<ScheduleJob>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapGet("/", ListJobsAsync)
            .WithName("ListJobs").WithSummary("Jobs, newest first, filtered by status, handler, name and a metadata key (?metadataKey, with ?metadataValue: a string, number or boolean) (deleted ones with ?includeDeleted=true); ?limit (1 to 200) and ?cursor page through them")
            .ProducesValidationProblem();
        jobs.MapGet("/{id:guid}", GetJobAsync)
            .WithName("GetJob").WithSummary("A job").ProducesProblem(StatusCodes.Status404NotFound);
        jobs.MapGet("/{id:guid}/runs", GetRunsAsync)
            .WithName("GetJobRuns").WithSummary("A job's runs, newest first").ProducesProblem(StatusCodes.Status404NotFound);
        jobs.MapPost("/{id:guid}/cancel", CancelJobAsync)
            .WithName("CancelJob").WithSummary("Cancel a job: its pending and future occurrences are dropped")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapPost("/{id:guid}/resume", ResumeJobAsync)
            .WithName("ResumeJob").WithSummary("Resume a paused job: a one-shot overdue meanwhile runs now, a recurring one goes on")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapPut("/{id:guid}", UpdateJobAsync)
            .WithName("UpdateJob").WithSummary("Replace a job's schedule, handler, payload and policies; the new schedule takes effect at once")
            .Accepts<ScheduleJob>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapDelete("/{id:guid}", DeleteJobAsync)
            .WithName("DeleteJob").WithSummary("Cancel a job and hide it from lists, keeping its history; ?purge=true (admin) removes it with its history")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapPost("/{id:guid}/trigger", TriggerJobAsync)
            .WithName("TriggerJob").WithSummary("Run a job now, once, besides its schedule (its concurrency policy applies)")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapGet("/{id:guid}/audit", GetAuditAsync)
            .WithName("GetJobAudit").WithSummary("A job's audit trail, oldest first").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    static async Task<Results<Created<JobResponse>, Ok<JobResponse>, ApiProblem>> ScheduleJobAsync(HttpRequest request,
        ScheduleJobValidator validator, IRequestClient<ScheduleJob> scheduler,
        TenantScope tenant, TimeProvider clock, JobViewReader views, SchedulerMetrics metrics, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<ScheduleJob>(request, cancellationToken);
        if (problem is not null)
        {
            metrics.Rejected();
            return problem;
        }

        return await JobScheduling.ScheduleAsync(body!, tenant.TenantId!, ApiKeyActor.Of(request.HttpContext.User), validator, clock, scheduler, views, metrics, cancellationToken);
    }

    static Task<Results<Ok<JobResponse>, ApiProblem>> CancelJobAsync([FromRoute(Name = "id")] Guid jobId, ClaimsPrincipal user,
        IRequestClient<CancelJob> scheduler, SchedulerDbContext db, HandlerPresence presence,
        CancellationToken cancellationToken) =>
        SendJobCommandAsync<CancelJob, JobCancelled>(jobId, user, jobId => new CancelJob { JobId = jobId }, scheduler, db, presence, cancellationToken);

    static Task<Results<Ok<JobResponse>, ApiProblem>> ResumeJobAsync([FromRoute(Name = "id")] Guid jobId, ClaimsPrincipal user,
        IRequestClient<ResumeJob> scheduler, SchedulerDbContext db, HandlerPresence presence,
        CancellationToken cancellationToken) =>
        SendJobCommandAsync<ResumeJob, JobResumed>(jobId, user, jobId => new ResumeJob { JobId = jobId }, scheduler, db, presence, cancellationToken);

    static async Task<Results<Ok<JobResponse>, ApiProblem>> UpdateJobAsync([FromRoute(Name = "id")] Guid jobId, HttpRequest request,
        ScheduleJobValidator validator, IRequestClient<UpdateJob> scheduler,
        SchedulerDbContext db, TimeProvider clock, HandlerPresence presence, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<ScheduleJob>(request, cancellationToken);
        if (problem is not null)
            return problem;

        var existing = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.CorrelationId == jobId, cancellationToken);
        if (existing is null)
            return ApiProblems.JobNotFound(jobId);

        var update = new UpdateJob
        {
            JobId = jobId, Name = body!.Name, Handler = body.Handler, Payload = body.Payload, Schedule = body.Schedule, Priority = body.Priority,
            Retry = body.Retry, Timeout = body.Timeout, AlertAfter = body.AlertAfter, Concurrency = body.Concurrency, Misfire = body.Misfire,
            Metadata = body.Metadata, OnSuccess = body.OnSuccess, OnFailure = body.OnFailure,
        };
        var errors = validator.Validate(JobDefinition.Of(update, existing), requireJobId: false, clock.GetUtcNow());
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        // The job was found above; the saga answers JobNotFound only if it was purged in between, and then this times out.
        Response<JobUpdated, JobRejected, JobCommandRejected> response;
        try
        {
            response = await scheduler.GetResponse<JobUpdated, JobRejected, JobCommandRejected>(update,
                x => x.UseExecute(context => context.Headers.Set(JobActor.Header, ApiKeyActor.Of(request.HttpContext.User))), cancellationToken);
        }
        catch (RequestTimeoutException)
        {
            return ApiProblems.Unavailable($"The update of job {jobId} was sent to the scheduler, which has not confirmed it yet.");
        }

        if (response.Is(out Response<JobRejected>? rejected) && rejected is not null)
            return ApiProblems.Invalid(rejected.Message.Errors);
        if (response.Is(out Response<JobCommandRejected>? refused) && refused is not null)
            return ApiProblems.Conflict(refused.Message.Reason);

        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == jobId, cancellationToken);
        return TypedResults.Ok(JobResponse.From(job, await presence.OnlineAsync(cancellationToken)));
    }

    static async Task<Results<NoContent, ApiProblem>> DeleteJobAsync([FromRoute(Name = "id")] Guid jobId, bool? purge, HttpContext http,
        IRequestClient<DeleteJob> scheduler, SchedulerDbContext db,
        JobRowLock rowLock, JobTransition transition, CancellationToken cancellationToken)
    {
        if (purge == true && !http.User.HasClaim(ApiKeyAuthentication.RoleClaim, nameof(ApiKeyRole.Admin).ToLowerInvariant()))
            return ApiProblems.Status(StatusCodes.Status403Forbidden, "Forbidden", "Only an admin key may purge a job.");
        if (!await db.Jobs.AnyAsync(j => j.CorrelationId == jobId, cancellationToken))
            return ApiProblems.JobNotFound(jobId);

        var (_, problem) = await JobCommands.SendAsync<DeleteJob, JobDeleted>(scheduler, new DeleteJob { JobId = jobId, Reason = purge == true ? "purged" : null },
            jobId, http.User, cancellationToken);
        if (problem is not null)
            return problem;

        if (purge == true)
            await JobPurge.RunAsync(db, rowLock, transition, jobId, cancellationToken);
        return TypedResults.NoContent();
    }

    static async Task<Results<Accepted<TriggerResponse>, ApiProblem>> TriggerJobAsync([FromRoute(Name = "id")] Guid jobId, ClaimsPrincipal user,
        IRequestClient<TriggerJob> scheduler, SchedulerDbContext db, HandlerPresence presence, CancellationToken cancellationToken)
    {
        if (!await db.Jobs.AnyAsync(j => j.CorrelationId == jobId, cancellationToken))
            return ApiProblems.JobNotFound(jobId);

        var (triggered, problem) = await JobCommands.SendAsync<TriggerJob, JobTriggered>(scheduler, new TriggerJob { JobId = jobId }, jobId, user, cancellationToken);
        if (problem is not null)
            return problem;

        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == jobId, cancellationToken);
        return TypedResults.Accepted(triggered!.RunId is { } runId ? $"/api/runs/{runId}" : $"/api/jobs/{jobId}",
            new TriggerResponse(triggered.Outcome, triggered.RunId, JobResponse.From(job, await presence.OnlineAsync(cancellationToken))));
    }

    /// <summary>Sends a command to a job's saga and answers with the job as stored after it, 404 or 409.</summary>
    static async Task<Results<Ok<JobResponse>, ApiProblem>> SendJobCommandAsync<TCommand, TDone>(Guid jobId, ClaimsPrincipal user,
        Func<Guid, TCommand> command, IRequestClient<TCommand> scheduler,
        SchedulerDbContext db, HandlerPresence presence, CancellationToken cancellationToken)
        where TCommand : class
        where TDone : class
    {
        if (!await db.Jobs.AnyAsync(j => j.CorrelationId == jobId, cancellationToken))
            return ApiProblems.JobNotFound(jobId);

        var (_, problem) = await JobCommands.SendAsync<TCommand, TDone>(scheduler, command(jobId), jobId, user, cancellationToken);
        if (problem is not null)
            return problem;

        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == jobId, cancellationToken);
        return TypedResults.Ok(JobResponse.From(job, await presence.OnlineAsync(cancellationToken)));
    }

    internal static async Task<Results<Ok<JobPage>, ApiProblem>> ListJobsAsync(string? status, string? handler, string? name, string? limit,
        string? cursor, bool? includeDeleted,
        SchedulerDbContext db, HandlerPresence presence, CancellationToken cancellationToken, string? metadataKey = null, string? metadataValue = null)
    {
        var errors = new List<FieldError>();
        var wanted = ListQuery.Status<JobStatus>(status, errors);
        ListQuery.Metadata(metadataKey, metadataValue, errors);

        var (size, pageStart) = ListQuery.Page(limit, cursor, errors);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var query = (metadataKey is null ? db.Jobs : db.JobsWithMetadata(metadataKey, metadataValue)).AsNoTracking();
        if (includeDeleted != true)
            query = query.Where(j => j.DeletedAt == null);
        if (wanted is { } state)
            query = query.Where(j => j.CurrentState == (int)state);
        if (handler is not null)
            query = query.Where(j => j.Handler == handler);
        if (name is not null)
            query = query.Where(j => j.Name.Contains(name));
        if (pageStart is { } after)
            query = query.Where(j => j.CreatedAt < after.CreatedAt || (j.CreatedAt == after.CreatedAt && j.CorrelationId.CompareTo(after.Id) < 0));

        var page = await query.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.CorrelationId).Take(size + 1).ToListAsync(cancellationToken);
        var next = page.Count > size ? new PageCursor(page[size - 1].CreatedAt, page[size - 1].CorrelationId).Encode() : null;
        var online = await presence.OnlineAsync(cancellationToken);
        return TypedResults.Ok(new JobPage(page.Take(size).Select(job => JobResponse.From(job, online)).ToList(), next));
    }

    internal static async Task<Results<Ok<JobResponse>, ApiProblem>> GetJobAsync([FromRoute(Name = "id")] Guid jobId, JobViewReader views,
        CancellationToken cancellationToken) =>
        await views.ReadAsync(jobId, cancellationToken) is { } view ? TypedResults.Ok(view) : ApiProblems.JobNotFound(jobId);

    static async Task<Results<Ok<List<RunResponse>>, ApiProblem>> GetRunsAsync([FromRoute(Name = "id")] Guid jobId, SchedulerDbContext db,
        CancellationToken cancellationToken)
    {
        if (!await db.Jobs.AnyAsync(j => j.CorrelationId == jobId, cancellationToken))
            return ApiProblems.JobNotFound(jobId);

        var runs = await db.Runs.AsNoTracking().Where(r => r.JobId == jobId)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Attempt)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(runs.Select(RunResponse.From).ToList());
    }

    internal static async Task<Results<Ok<List<AuditEntryResponse>>, ApiProblem>> GetAuditAsync([FromRoute(Name = "id")] Guid jobId,
        SchedulerDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Jobs.AnyAsync(j => j.CorrelationId == jobId, cancellationToken))
            return ApiProblems.JobNotFound(jobId);

        var entries = await db.Audit.AsNoTracking().Where(a => a.JobId == jobId).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(entries.Select(AuditEntryResponse.From).ToList());
    }
}

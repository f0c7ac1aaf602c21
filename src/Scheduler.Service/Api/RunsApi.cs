using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;
using System.Security.Claims;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Persistence;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary>
/// <c>/api/runs</c>: the runs of every job (the dead letters are the faulted ones), one run, and the replay of a
/// dead letter, which goes through the bus to the job's saga and answers once the saga has stored the new run.
/// </summary>
public static class RunsApi
{
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").WithTags("Runs").RequireAuthorization(ApiKeyAuthentication.MemberPolicy);

        runs.MapGet("/", ListRunsAsync)
            .WithName("ListRuns")
            .WithSummary("Runs of all jobs, newest first; filters status (faulted lists the dead letters), handler, jobId, from and to (on scheduledFor); ?limit and ?cursor page")
            .ProducesValidationProblem();
        runs.MapGet("/{runId:guid}", GetRunAsync)
            .WithName("GetRun").WithSummary("A run").ProducesProblem(StatusCodes.Status404NotFound);
        runs.MapPost("/{runId:guid}/replay", ReplayRunAsync)
            .WithName("ReplayRun").WithSummary("Run a dead letter (a faulted run) again, as a new run of its occurrence with a fresh set of attempts")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        runs.MapPost("/{runId:guid}/cancel", CancelRunAsync)
            .WithName("CancelRun").WithSummary("Stop a pending or running run: it ends cancelled and is not retried; its handler's cancellation token fires")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    internal static async Task<Results<Ok<RunPage>, ApiProblem>> ListRunsAsync(string? status, string? handler, string? jobId, string? from,
        string? to, string? limit, string? cursor,
        SchedulerDbContext db, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var wanted = ListQuery.Status<RunStatus>(status, errors);

        Guid? job = null;
        if (jobId is not null)
        {
            if (Guid.TryParse(jobId, out var parsed))
                job = parsed;
            else
                errors.Add(new("jobId", "must be a GUID"));
        }

        var since = Instant("from", from, errors);
        var until = Instant("to", to, errors);
        if (since is not null && until is not null && until < since)
            errors.Add(new("to", "must not be before from"));

        var (size, pageStart) = ListQuery.Page(limit, cursor, errors);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var query = db.Runs.AsNoTracking();
        if (wanted is { } state)
            query = query.Where(r => r.Status == state);
        if (job is { } id)
            query = query.Where(r => r.JobId == id);
        if (handler is not null)
            query = query.Where(r => db.Jobs.Any(j => j.CorrelationId == r.JobId && j.Handler == handler));
        if (since is { } start)
            query = query.Where(r => r.ScheduledFor >= start);
        if (until is { } end)
            query = query.Where(r => r.ScheduledFor < end);
        if (pageStart is { } after)
            query = query.Where(r => r.CreatedAt < after.CreatedAt || (r.CreatedAt == after.CreatedAt && r.Id.CompareTo(after.Id) < 0));

        var page = await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = page.Count > size ? new PageCursor(page[size - 1].CreatedAt, page[size - 1].Id).Encode() : null;
        return TypedResults.Ok(new RunPage(page.Take(size).Select(RunResponse.From).ToList(), next));
    }

    internal static async Task<Results<Ok<RunResponse>, ApiProblem>> GetRunAsync([FromRoute(Name = "runId")] Guid id, SchedulerDbContext db,
        CancellationToken cancellationToken)
    {
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return run is null ? ApiProblems.RunNotFound(id) : TypedResults.Ok(RunResponse.From(run));
    }

    static async Task<Results<Created<RunResponse>, ApiProblem>> ReplayRunAsync([FromRoute(Name = "runId")] Guid id, ClaimsPrincipal user,
        IRequestClient<ReplayRun> scheduler, SchedulerDbContext db, CancellationToken cancellationToken)
    {
        var dead = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (dead is null)
            return ApiProblems.RunNotFound(id);

        var (replayed, problem) = await JobCommands.SendAsync<ReplayRun, RunReplayed>(scheduler, new ReplayRun { JobId = dead.JobId, RunId = id },
            dead.JobId, user, cancellationToken);
        if (problem is not null)
            return problem;

        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == replayed!.RunId, cancellationToken);
        return TypedResults.Created($"/api/runs/{run.Id}", RunResponse.From(run));
    }

    static async Task<Results<Ok<RunResponse>, ApiProblem>> CancelRunAsync([FromRoute(Name = "runId")] Guid id, ClaimsPrincipal user,
        IRequestClient<CancelRun> scheduler, SchedulerDbContext db, CancellationToken cancellationToken)
    {
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
            return ApiProblems.RunNotFound(id);

        var (_, problem) = await JobCommands.SendAsync<CancelRun, RunCancelled>(scheduler, new CancelRun { JobId = run.JobId, RunId = id }, run.JobId,
            user, cancellationToken);
        if (problem is not null)
            return problem;

        var cancelled = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        return TypedResults.Ok(RunResponse.From(cancelled));
    }

    internal static DateTimeOffset? Instant(string field, string? text, List<FieldError> errors)
    {
        if (text is null)
            return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            return instant;

        errors.Add(new(field, "must be an ISO 8601 instant such as 2026-01-31T09:00:00Z"));
        return null;
    }
}

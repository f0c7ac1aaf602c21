using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Handlers;
using Scheduler.Service.Persistence;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary>
/// <c>/api/jobs/{id}/pause|disable|enable</c>: hold a job (a pause, optionally until an instant, owed on resume) or
/// switch it off and on (disabled: kept and shown, does not run, owes nothing). Each takes an optional body
/// <see cref="HoldRequest"/> and answers with the job as stored after it.
/// </summary>
public static class JobHoldsApi
{
    public static IEndpointRouteBuilder MapJobHoldsApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization(ApiKeyAuthentication.MemberPolicy);

        jobs.MapPost("/{id:guid}/pause", PauseJobAsync)
            .WithName("PauseJob").WithSummary("Pause a job (kept across restarts); optional body {\"until\": instant, \"reason\": \"…\"}: it resumes by itself then")
            .Accepts<HoldRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapPost("/{id:guid}/disable", DisableJobAsync)
            .WithName("DisableJob").WithSummary("Switch a job off (status disabled): kept and shown, it does not run; optional body {\"reason\": \"…\"}")
            .Accepts<HoldRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapPost("/{id:guid}/enable", EnableJobAsync)
            .WithName("EnableJob").WithSummary("Switch a disabled job on: it goes on from its next occurrence (those missed are not owed)")
            .Accepts<HoldRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    static Task<Results<Ok<JobResponse>, ApiProblem>> PauseJobAsync([FromRoute(Name = "id")] Guid jobId, HttpRequest request,
        IRequestClient<PauseJob> scheduler, SchedulerDbContext db, TimeProvider clock,
        HandlerPresence presence, CancellationToken cancellationToken) =>
        HoldAsync<PauseJob, JobPaused>(jobId, request, clock, allowUntil: true, (jobId, body) => new PauseJob { JobId = jobId, Reason = body.Reason, Until = body.Until },
            scheduler, db, presence, cancellationToken);

    static Task<Results<Ok<JobResponse>, ApiProblem>> DisableJobAsync([FromRoute(Name = "id")] Guid jobId, HttpRequest request,
        IRequestClient<DisableJob> scheduler, SchedulerDbContext db, TimeProvider clock,
        HandlerPresence presence, CancellationToken cancellationToken) =>
        HoldAsync<DisableJob, JobDisabled>(jobId, request, clock, allowUntil: false, (jobId, body) => new DisableJob { JobId = jobId, Reason = body.Reason },
            scheduler, db, presence, cancellationToken);

    static Task<Results<Ok<JobResponse>, ApiProblem>> EnableJobAsync([FromRoute(Name = "id")] Guid jobId, HttpRequest request,
        IRequestClient<EnableJob> scheduler, SchedulerDbContext db, TimeProvider clock,
        HandlerPresence presence, CancellationToken cancellationToken) =>
        HoldAsync<EnableJob, JobEnabled>(jobId, request, clock, allowUntil: false, (jobId, body) => new EnableJob { JobId = jobId, Reason = body.Reason },
            scheduler, db, presence, cancellationToken);

    static async Task<Results<Ok<JobResponse>, ApiProblem>> HoldAsync<TCommand, TDone>(Guid jobId, HttpRequest request, TimeProvider clock,
        bool allowUntil,
        Func<Guid, HoldRequest, TCommand> command, IRequestClient<TCommand> scheduler, SchedulerDbContext db, HandlerPresence presence, CancellationToken cancellationToken)
        where TCommand : class
        where TDone : class
    {
        var (body, problem) = await ReadAsync(request, cancellationToken);
        if (problem is not null)
            return problem;

        var errors = new List<FieldError>();
        if (body!.Until is { } until && !allowUntil)
            errors.Add(new("until", "applies to a pause only"));
        else if (body.Until is { } end && end <= clock.GetUtcNow())
            errors.Add(new("until", $"must be later than now ({end:O} has passed)"));
        if (body.Reason is { Length: > JobState.MaxPauseReasonLength })
            errors.Add(new("reason", $"must be at most {JobState.MaxPauseReasonLength} characters"));
        else if (body.Reason?.Contains('\0', StringComparison.Ordinal) == true)
            errors.Add(new("reason", "must not contain the character U+0000 (\\u0000)"));
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        if (!await db.Jobs.AnyAsync(j => j.CorrelationId == jobId, cancellationToken))
            return ApiProblems.JobNotFound(jobId);

        var (_, refused) = await JobCommands.SendAsync<TCommand, TDone>(scheduler, command(jobId, body), jobId, request.HttpContext.User, cancellationToken);
        if (refused is not null)
            return refused;

        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == jobId, cancellationToken);
        return TypedResults.Ok(JobResponse.From(job, await presence.OnlineAsync(cancellationToken)));
    }

    // The body is optional: none at all is a hold without a reason or an end.
    static async Task<(HoldRequest? Body, ApiProblem? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        request.ContentLength is null or 0 && !request.HasJsonContentType()
            ? (new HoldRequest(null, null), null)
            : await JsonRequestBody.ReadAsync<HoldRequest>(request, cancellationToken);
}

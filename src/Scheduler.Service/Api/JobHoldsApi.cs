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

        jobs.MapPost("/{id}/pause", PauseJobAsync)
            .WithName("PauseJob").WithSummary("Pause a job (kept across restarts); optional body {\"until\": instant, \"reason\": \"…\"}: it resumes by itself then")
            .Accepts<HoldRequest>("application/json")
            .Produces<JobResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapPost("/{id}/disable", DisableJobAsync)
            .WithName("DisableJob").WithSummary("Switch a job off (status disabled): kept and shown, it does not run; optional body {\"reason\": \"…\"}")
            .Accepts<HoldRequest>("application/json")
            .Produces<JobResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapPost("/{id}/enable", EnableJobAsync)
            .WithName("EnableJob").WithSummary("Switch a disabled job on: it goes on from its next occurrence (those missed are not owed)")
            .Accepts<HoldRequest>("application/json")
            .Produces<JobResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    static Task<IResult> PauseJobAsync(string id, HttpRequest request, IRequestClient<PauseJob> scheduler, SchedulerDbContext db, TimeProvider clock,
        HandlerPresence presence, CancellationToken cancellationToken) =>
        HoldAsync(id, request, clock, allowUntil: true, (jobId, body) => new PauseJob { JobId = jobId, Reason = body.Reason, Until = body.Until },
            (IRequestClient<PauseJob> client, PauseJob command, Guid jobId) => JobCommands.SendAsync<PauseJob, JobPaused>(client, command, jobId, request.HttpContext.User, cancellationToken),
            scheduler, db, presence, cancellationToken);

    static Task<IResult> DisableJobAsync(string id, HttpRequest request, IRequestClient<DisableJob> scheduler, SchedulerDbContext db, TimeProvider clock,
        HandlerPresence presence, CancellationToken cancellationToken) =>
        HoldAsync(id, request, clock, allowUntil: false, (jobId, body) => new DisableJob { JobId = jobId, Reason = body.Reason },
            (IRequestClient<DisableJob> client, DisableJob command, Guid jobId) => JobCommands.SendAsync<DisableJob, JobDisabled>(client, command, jobId, request.HttpContext.User, cancellationToken),
            scheduler, db, presence, cancellationToken);

    static Task<IResult> EnableJobAsync(string id, HttpRequest request, IRequestClient<EnableJob> scheduler, SchedulerDbContext db, TimeProvider clock,
        HandlerPresence presence, CancellationToken cancellationToken) =>
        HoldAsync(id, request, clock, allowUntil: false, (jobId, body) => new EnableJob { JobId = jobId, Reason = body.Reason },
            (IRequestClient<EnableJob> client, EnableJob command, Guid jobId) => JobCommands.SendAsync<EnableJob, JobEnabled>(client, command, jobId, request.HttpContext.User, cancellationToken),
            scheduler, db, presence, cancellationToken);

    static async Task<IResult> HoldAsync<TCommand, TDone>(string id, HttpRequest request, TimeProvider clock, bool allowUntil,
        Func<Guid, HoldRequest, TCommand> command, Func<IRequestClient<TCommand>, TCommand, Guid, Task<(TDone? Done, IResult? Problem)>> send,
        IRequestClient<TCommand> scheduler, SchedulerDbContext db, HandlerPresence presence, CancellationToken cancellationToken)
        where TCommand : class
        where TDone : class
    {
        if (!Guid.TryParse(id, out var jobId))
            return ApiProblems.Invalid("id", "must be a GUID");

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

        var (_, refused) = await send(scheduler, command(jobId, body), jobId);
        if (refused is not null)
            return refused;

        var job = await db.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == jobId, cancellationToken);
        return TypedResults.Ok(JobResponse.From(job, await presence.OnlineAsync(cancellationToken)));
    }

    // The body is optional: none at all is a hold without a reason or an end.
    static async Task<(HoldRequest? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        request.ContentLength is null or 0 && !request.HasJsonContentType()
            ? (new HoldRequest(null, null), null)
            : await JsonRequestBody.ReadAsync<HoldRequest>(request, cancellationToken);
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Scheduler.Service.DeadLetters;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary><c>/api/scheduler</c>: the state of the message scheduler, and the scheduler-wide pause that survives restarts.</summary>
public static class SchedulerApi
{
    public static IEndpointRouteBuilder MapSchedulerApi(this IEndpointRouteBuilder app)
    {
        var scheduler = app.MapGroup("/api/scheduler").WithTags("Scheduler").RequireAuthorization(ApiKeyAuthentication.AdminPolicy);

        scheduler.MapGet("/", GetStateAsync)
            .WithName("GetScheduler").WithSummary("Whether the scheduler is paused, and what is due");
        scheduler.MapPost("/pause", (ClaimsPrincipal user, SchedulerSwitchStore switches, SchedulerDbContext db, CancellationToken ct) =>
                SetPausedAsync(user, switches, db, paused: true, ct))
            .WithName("PauseScheduler").WithSummary("Stop sending due messages on every instance");
        scheduler.MapPost("/resume", (ClaimsPrincipal user, SchedulerSwitchStore switches, SchedulerDbContext db, CancellationToken ct) =>
                SetPausedAsync(user, switches, db, paused: false, ct))
            .WithName("ResumeScheduler").WithSummary("Send due messages again; what came due meanwhile follows each job's misfire policy");
        scheduler.MapPost("/dead-letters/requeue", RequeueDeadLettersAsync)
            .WithName("RequeueDeadLetters")
            .WithSummary("Move messages from the dead-letter (_error) queues back to their queues; optional body {\"queue\", \"limit\"}")
            .Accepts<RequeueDeadLettersRequest>("application/json").ProducesValidationProblem();
        return app;
    }

    /// <summary>The most messages one request moves back.</summary>
    public const int MaxRequeueLimit = 10_000;

    const int DefaultRequeueLimit = 1_000;

    static async Task<Results<Ok<RequeuedDeadLetters>, ApiProblem>> RequeueDeadLettersAsync(HttpRequest request, DeadLetterQueues queues,
        IDeadLetterStore deadLetters,
        CancellationToken cancellationToken)
    {
        var body = new RequeueDeadLettersRequest(null, null);
        if (request.ContentLength > 0 || request.HasJsonContentType())
        {
            var (read, problem) = await JsonRequestBody.ReadAsync<RequeueDeadLettersRequest>(request, cancellationToken);
            if (problem is not null)
                return problem;
            body = read!;
        }

        if (body.Queue is { } queue && queues.SourceOf(queue) is null)
            return ApiProblems.Invalid("queue", $"'{queue}' is not a dead-letter queue of this scheduler; they are "
                                                + string.Join(", ", queues.Sources.Select(DeadLetterQueues.ErrorQueueOf)));
        if (body.Limit is < 1 or > MaxRequeueLimit)
            return ApiProblems.Invalid("limit", $"must be from 1 to {MaxRequeueLimit}");

        IReadOnlyList<string> from = body.Queue is { } one ? [one] : [.. queues.Sources.Select(DeadLetterQueues.ErrorQueueOf)];
        try
        {
            return TypedResults.Ok(await deadLetters.RequeueAsync(from, body.Limit ?? DefaultRequeueLimit, cancellationToken));
        }
        catch (DeadLettersUnavailableException e)
        {
            return ApiProblems.Unavailable(e.Message);
        }
    }

    static async Task<Ok<SchedulerStateResponse>> GetStateAsync(SchedulerDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ReadStateAsync(db, cancellationToken));

    static async Task<Ok<SchedulerStateResponse>> SetPausedAsync(ClaimsPrincipal user, SchedulerSwitchStore switches, SchedulerDbContext db,
        bool paused, CancellationToken cancellationToken)
    {
        await switches.SetPausedAsync(paused, ApiKeyActor.Of(user), cancellationToken);
        return TypedResults.Ok(await ReadStateAsync(db, cancellationToken));
    }

    internal static async Task<SchedulerStateResponse> ReadStateAsync(SchedulerDbContext db, CancellationToken cancellationToken)
    {
        var state = await db.SchedulerSwitch.AsNoTracking().SingleOrDefaultAsync(s => s.Id == SchedulerSwitch.SingletonId, cancellationToken);
        var due = db.DueMessages.AsNoTracking();
        return new SchedulerStateResponse(
            state?.Paused ?? false,
            state?.ChangedAt,
            state?.ChangedBy,
            await due.CountAsync(m => m.Expression == null, cancellationToken),
            await due.CountAsync(m => m.Expression != null, cancellationToken),
            await due.Where(m => !m.Paused).MinAsync(m => (DateTimeOffset?)m.DueAt, cancellationToken));
    }
}

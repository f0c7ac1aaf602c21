using Microsoft.EntityFrameworkCore;
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
            .WithName("GetScheduler").WithSummary("Whether the scheduler is paused, and what is due").Produces<SchedulerStateResponse>();
        scheduler.MapPost("/pause", (SchedulerSwitchStore switches, SchedulerDbContext db, CancellationToken ct) =>
                SetPausedAsync(switches, db, paused: true, ct))
            .WithName("PauseScheduler").WithSummary("Stop sending due messages on every instance").Produces<SchedulerStateResponse>();
        scheduler.MapPost("/resume", (SchedulerSwitchStore switches, SchedulerDbContext db, CancellationToken ct) =>
                SetPausedAsync(switches, db, paused: false, ct))
            .WithName("ResumeScheduler").WithSummary("Send due messages again; what came due meanwhile follows each job's misfire policy")
            .Produces<SchedulerStateResponse>();
        return app;
    }

    static async Task<IResult> GetStateAsync(SchedulerDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ReadStateAsync(db, cancellationToken));

    static async Task<IResult> SetPausedAsync(SchedulerSwitchStore switches, SchedulerDbContext db, bool paused, CancellationToken cancellationToken)
    {
        await switches.SetPausedAsync(paused, "api", cancellationToken);
        return TypedResults.Ok(await ReadStateAsync(db, cancellationToken));
    }

    static async Task<SchedulerStateResponse> ReadStateAsync(SchedulerDbContext db, CancellationToken cancellationToken)
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

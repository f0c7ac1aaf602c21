using Microsoft.AspNetCore.Mvc;
using Scheduler.Service.Api;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Dashboard;

/// <summary>
/// <c>/dashboard/scheduler</c> (admin only, as <c>/api/scheduler</c>): whether the message scheduler is paused and what is
/// due, and the scheduler-wide pause and resume, recorded as done by <c>dashboard</c>.
/// </summary>
public sealed class SchedulerModel(SchedulerDbContext db, SchedulerSwitchStore switches) : DashboardPage
{
    protected override bool AdminOnly => true;

    public SchedulerStateResponse? State { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        State = await SchedulerApi.ReadStateAsync(db, cancellationToken);

    public Task<IActionResult> OnPostPauseAsync(CancellationToken cancellationToken) => SetPausedAsync(paused: true, cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(CancellationToken cancellationToken) => SetPausedAsync(paused: false, cancellationToken);

    async Task<IActionResult> SetPausedAsync(bool paused, CancellationToken cancellationToken)
    {
        await switches.SetPausedAsync(paused, Actor, cancellationToken);
        return AfterAction(null, paused ? "The scheduler is paused: no due message is sent until it is resumed." : "The scheduler is running again.",
            $"{DashboardCookie.Path}/scheduler");
    }
}

using Microsoft.AspNetCore.Mvc;
using Scheduler.Service.Api;
using Scheduler.Service.DeadLetters;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Dashboard;

/// <summary>
/// <c>/dashboard/scheduler</c> (admin only, as <c>/api/scheduler</c>): whether the message scheduler is paused and what is
/// due, and the scheduler-wide pause and resume, recorded as done by <c>dashboard</c>.
/// </summary>
public sealed class SchedulerModel(SchedulerDbContext db, SchedulerSwitchStore switches, IDeadLetterStore deadLetters, DeadLetterQueues queues)
    : DashboardPage
{
    /// <summary>How many transport dead letters one requeue moves at most, as <c>POST /api/scheduler/dead-letters/requeue</c> by default.</summary>
    public const int RequeueLimit = 1_000;

    protected override bool AdminOnly => true;

    public SchedulerStateResponse? State { get; private set; }

    /// <summary>The messages in the transport's dead-letter queues; null when the broker did not answer in time.</summary>
    public DeadLetterCounts? TransportDeadLetters { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        State = await SchedulerApi.ReadStateAsync(db, cancellationToken);
        try
        {
            TransportDeadLetters = await deadLetters.CountAsync(cancellationToken);
        }
        catch (DeadLettersUnavailableException)
        {
            // The page stands without them; /health/ready says why they are missing.
            TransportDeadLetters = null;
        }
    }

    /// <summary>Moves the transport's dead letters back to their queues, as <c>POST /api/scheduler/dead-letters/requeue</c> with no body.</summary>
    public async Task<IActionResult> OnPostRequeueAsync(CancellationToken cancellationToken)
    {
        try
        {
            var moved = await deadLetters.RequeueAsync([.. queues.Sources.Select(DeadLetterQueues.ErrorQueueOf)], RequeueLimit, cancellationToken);
            return AfterAction(null, $"{moved.Moved} dead-lettered messages moved back to their queues.", $"{DashboardCookie.Path}/scheduler");
        }
        catch (DeadLettersUnavailableException e)
        {
            return AfterAction(e.Message, "", $"{DashboardCookie.Path}/scheduler");
        }
    }

    public Task<IActionResult> OnPostPauseAsync(CancellationToken cancellationToken) => SetPausedAsync(paused: true, cancellationToken);

    public Task<IActionResult> OnPostResumeAsync(CancellationToken cancellationToken) => SetPausedAsync(paused: false, cancellationToken);

    async Task<IActionResult> SetPausedAsync(bool paused, CancellationToken cancellationToken)
    {
        await switches.SetPausedAsync(paused, Actor, cancellationToken);
        return AfterAction(null, paused ? "The scheduler is paused: no due message is sent until it is resumed." : "The scheduler is running again.",
            $"{DashboardCookie.Path}/scheduler");
    }
}

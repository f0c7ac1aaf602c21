using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Declarations;

/// <summary>
/// Upserts the declared jobs by key (a <see cref="ScheduleJob"/> with the key each, decided by the job's rules as any
/// other), then switches each off or on as its <c>Enabled</c> says. The same declarations again change nothing.
/// </summary>
public sealed class DeclaredJobsApplier(
    DeclaredJobsReader reader,
    ScheduleJobValidator validator,
    TimeProvider clock,
    SchedulerDbContext db,
    IRequestClient<ScheduleJob> scheduler,
    IRequestClient<DisableJob> disabler,
    IRequestClient<EnableJob> enabler)
{
    /// <summary>Who the audit trail names for a change the declarations make.</summary>
    public const string Actor = "config";

    public async Task<DeclaredJobsReport> ApplyAsync(CancellationToken cancellationToken)
    {
        List<string> created = [], changed = [], unchanged = [];
        var rejected = new Dictionary<string, string[]>();
        foreach (var declared in reader.Read())
        {
            var command = declared.Command is { } definition ? definition with { JobId = Guid.CreateVersion7() } : null;
            var errors = command is null ? declared.Errors : validator.Validate(command, requireJobId: false, clock.GetUtcNow());
            if (command is null || errors.Count > 0)
            {
                rejected[declared.Key] = errors.Select(e => $"{e.Field}: {e.Reason}").ToArray();
                continue;
            }

            var response = await scheduler.GetResponse<JobScheduled, JobRejected>(command, WithActor<ScheduleJob>(), cancellationToken);
            if (response.Is(out Response<JobRejected>? refused) && refused is not null)
            {
                rejected[declared.Key] = refused.Message.Errors.Select(e => $"{e.Field}: {e.Reason}").ToArray();
                continue;
            }

            if (!response.Is(out Response<JobScheduled>? accepted) || accepted is null)
                continue;

            var scheduled = accepted.Message;
            var switched = await SwitchAsync(scheduled.JobId, declared.Enabled, cancellationToken);
            (scheduled.Created ? created : scheduled.Updated || switched ? changed : unchanged).Add(declared.Key);
        }

        return new DeclaredJobsReport(created, changed, unchanged, rejected);
    }

    /// <summary>Disables or enables the job as declared; true when that changed it.</summary>
    async Task<bool> SwitchAsync(Guid jobId, bool enabled, CancellationToken cancellationToken)
    {
        var state = await db.Jobs.AsNoTracking().IgnoreQueryFilters().Where(j => j.CorrelationId == jobId).Select(j => j.CurrentState)
            .SingleAsync(cancellationToken);
        var disabled = state == (int)JobStatus.Disabled;
        if (enabled == !disabled)
            return false;

        if (enabled)
            await enabler.GetResponse<JobEnabled, JobCommandRejected>(new EnableJob { JobId = jobId, Reason = "declared enabled" }, WithActor<EnableJob>(),
                cancellationToken);
        else
            await disabler.GetResponse<JobDisabled, JobCommandRejected>(new DisableJob { JobId = jobId, Reason = "declared disabled" }, WithActor<DisableJob>(),
                cancellationToken);
        return true;
    }

    static RequestPipeConfiguratorCallback<T> WithActor<T>()
        where T : class =>
        x => x.UseExecute(context => context.Headers.Set(JobActor.Header, Actor));
}

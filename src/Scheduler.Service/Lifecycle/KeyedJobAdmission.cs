using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Persistence;
using Scheduler.Service.Persistence.Sagas;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Decides a <see cref="ScheduleJob"/> with a key (<see cref="ScheduleJob.Key"/>) in the caller's transaction: the job
/// that has the key is loaded under its row lock (the lock the saga takes) and takes the command's definition
/// (<see cref="JobInput.Upsert"/>); when no job has it, the job is created and written at once, so that a later command
/// with the key finds it, and a concurrent one's insert fails on the key's unique index (its message is then replayed
/// from the start, and finds this job).
/// </summary>
public sealed class KeyedJobAdmission(SchedulerDbContext db, JobRowLock rowLock, JobTransition transition, JobInputs inputs, ChangeSetWriter writer)
{
    /// <returns>The decision; a job it creates is already added and written.</returns>
    public async Task<JobDecision> DecideAsync(ConsumeContext context, ScheduleJob command, Guid seed, Uri dueAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(command.Key);

        // What this transaction decided before is written first, so the reads below find it.
        await writer.SaveAsync(db, cancellationToken);
        var input = inputs.Schedule(context, command);
        if (input.Errors.Count > 0)
            return await transition.ApplyAsync(null, input, seed, dueAddress, cancellationToken);

        if (await FindKeyedAsync(command.TenantId, command.Key, cancellationToken) is { } keyed)
            return await transition.ApplyAsync(keyed, new JobInput.Upsert(command, [], input.Actor), seed, dueAddress, cancellationToken);

        // The command's job id taken already (a job with another key or none): its rules answer with that job, as the saga would.
        if (await rowLock.LoadAsync(db, command.JobId, cancellationToken) is { } stored)
            return await transition.ApplyAsync(stored, input, seed, dueAddress, cancellationToken);

        var decision = await transition.ApplyAsync(null, input, seed, dueAddress, cancellationToken);
        if (decision.Status is not null)
        {
            db.Jobs.Add(decision.Job);
            await writer.SaveAsync(db, cancellationToken);
        }

        return decision;
    }

    async Task<JobState?> FindKeyedAsync(string tenantId, string key, CancellationToken cancellationToken)
    {
        var id = await db.Jobs.IgnoreQueryFilters().AsNoTracking()
            .Where(j => j.TenantId == tenantId && j.Key == key && j.DeletedAt == null)
            .Select(j => (Guid?)j.CorrelationId).FirstOrDefaultAsync(cancellationToken);
        if (id is null)
            return null;

        // Deleted or given another key while the lock was awaited: the key is free.
        var job = await rowLock.LoadAsync(db, id.Value, cancellationToken);
        return job is { DeletedAt: null } && job.Key == key ? job : null;
    }
}

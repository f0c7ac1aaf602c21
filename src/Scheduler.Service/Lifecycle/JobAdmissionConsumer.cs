using System.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;
using Scheduler.Service.Telemetry;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Admits new jobs in batches: every <see cref="ScheduleJob"/> arrives here first, and those for a job id not yet
/// stored (and without an idempotency key) are decided by <see cref="JobDecider"/> together — accepted or rejected,
/// exactly as the saga decides them, since it is the same function — in one transaction, and answered once it has
/// committed. A job id already used or an idempotency key goes on to the saga's queue unchanged, where the job's row
/// or the key's owner is. One transaction for many jobs is what lets admission keep up with a burst.
/// </summary>
public sealed class JobAdmissionConsumer(
    SchedulerDbContext db,
    JobTransition transition,
    JobInputs inputs,
    KeyedJobAdmission keyedAdmission,
    DueMessageWriter dueMessages,
    ChangeSetWriter writer,
    TimeProvider clock,
    IOptions<DispatcherOptions> options,
    SchedulerMetrics metrics) : IConsumer<Batch<ScheduleJob>>
{
    public async Task Consume(ConsumeContext<Batch<ScheduleJob>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;

        // A command with a key is an upsert, decided here too, against the job that has the key (KeyedJobAdmission).
        var keyed = context.Message.Where(m => m.Message.Key is not null).ToList();
        var candidates = context.Message.Where(m => m.Message.IdempotencyKey is null && m.Message.Key is null).DistinctBy(m => m.Message.JobId).ToList();
        var ids = candidates.Select(m => m.Message.JobId).ToList();
        var stored = ids.Count == 0
            ? []
            : (await db.Jobs.IgnoreQueryFilters().AsNoTracking().Where(j => ids.Contains(j.CorrelationId)).Select(j => j.CorrelationId)
                .ToListAsync(cancellationToken)).ToHashSet();
        var admitted = candidates.Where(m => !stored.Contains(m.Message.JobId)).ToList();

        // The saga's queue, on the same broker and virtual host as this one.
        var sagaAddress = new Uri(context.ReceiveContext.InputAddress, JobStateDefinition.QueueName);
        var dueAddress = JobDueDefinition.AddressOn(context.ReceiveContext.InputAddress);
        var decisions = new List<JobDecision>(admitted.Count + keyed.Count);
        if (admitted.Count > 0 || keyed.Count > 0)
        {
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            foreach (var command in admitted)
            {
                var decision = await transition.ApplyAsync(null, inputs.Schedule(command, command.Message), JobTransition.SeedOf(command), dueAddress,
                    cancellationToken);
                if (decision.Status is not null)
                    db.Jobs.Add(decision.Job);
                decisions.Add(decision);
            }

            foreach (var command in keyed)
                decisions.Add(await keyedAdmission.DecideAsync(command, command.Message, JobTransition.SeedOf(command), dueAddress, cancellationToken));

            await writer.SaveAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            dueMessages.NotifyCommitted();
        }

        // What is stored is committed: a confirm that never comes must not hold the batch (and its messages) for ever.
        // Past the deadline the batch fails and comes again, and each command then finds its job stored and is answered as such.
        await AnswerAsync(context, [.. admitted, .. keyed], decisions, sagaAddress, metrics).WithinAsync(options.Value.SendTimeout, clock, cancellationToken);
    }

    static async Task AnswerAsync(ConsumeContext<Batch<ScheduleJob>> context, List<ConsumeContext<ScheduleJob>> admitted, List<JobDecision> decisions,
        Uri sagaAddress, SchedulerMetrics metrics)
    {
        var saga = await context.GetSendEndpoint(sagaAddress);
        await Task.WhenAll(context.Message.Except(admitted).Select(m => m.Forward(saga)));
        await Task.WhenAll(admitted.Zip(decisions).Select(pair => JobMessages.SendAsync(pair.First, pair.Second, metrics)));
    }
}

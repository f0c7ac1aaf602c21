using System.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Admits new jobs in batches: every <see cref="ScheduleJob"/> arrives here first, and the valid ones for a job id
/// not yet stored (and without an idempotency key) are stored together — each job as <see cref="JobStateMachine"/>
/// would store it (its row in the state <c>Scheduled</c>, its audit entry, its armed run, due message or first run) — in
/// one transaction, and answered once it has committed. Everything else (a job id already used, an idempotency
/// key, an invalid command) goes on to the saga's queue unchanged, where the machine's own rules answer it.
/// One transaction for many jobs is what lets admission keep up with a burst.
/// </summary>
public sealed class JobAdmissionConsumer(
    SchedulerDbContext db,
    JobLedger ledger,
    DueMessageWriter dueMessages,
    ScheduleJobValidator validator,
    TimeProvider clock,
    IOptions<DispatcherOptions> options) : IConsumer<Batch<ScheduleJob>>
{
    public async Task Consume(ConsumeContext<Batch<ScheduleJob>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;

        var candidates = context.Message
            .Where(m => m.Message.IdempotencyKey is null && validator.ValidateOnBus(m.Message, clock).Count == 0)
            .DistinctBy(m => m.Message.JobId)
            .ToList();
        var ids = candidates.Select(m => m.Message.JobId).ToList();
        var stored = ids.Count == 0
            ? []
            : (await db.Jobs.IgnoreQueryFilters().AsNoTracking().Where(j => ids.Contains(j.CorrelationId)).Select(j => j.CorrelationId)
                .ToListAsync(cancellationToken)).ToHashSet();
        var admitted = candidates.Where(m => !stored.Contains(m.Message.JobId)).ToList();

        // The saga's queue, on the same broker and virtual host as this one.
        var sagaAddress = new Uri(context.ReceiveContext.InputAddress, JobStateDefinition.QueueName);
        var jobs = new List<JobState>(admitted.Count);
        if (admitted.Count > 0)
        {
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            foreach (var command in admitted)
                jobs.Add(await AdmitAsync(command, sagaAddress, cancellationToken));

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            dueMessages.NotifyCommitted();
        }

        // What is stored is committed: a confirm that never comes must not hold the batch (and its messages) for ever.
        // Past the deadline the batch fails and comes again, and each command then finds its job stored and is answered as such.
        await AnswerAsync(context, admitted, jobs, sagaAddress).WithinAsync(options.Value.SendTimeout, clock, cancellationToken);
    }

    async Task AnswerAsync(ConsumeContext<Batch<ScheduleJob>> context, List<ConsumeContext<ScheduleJob>> admitted, List<JobState> jobs, Uri sagaAddress)
    {
        var saga = await context.GetSendEndpoint(sagaAddress);
        await Task.WhenAll(context.Message.Except(admitted).Select(m => m.Forward(saga)));
        await Task.WhenAll(admitted.Zip(jobs).Select(pair => pair.First.RespondAsync(new JobScheduled
        {
            JobId = pair.Second.CorrelationId,
            TenantId = pair.Second.TenantId,
            Created = true,
            NextRunAt = pair.Second.NextRunAt,
            Timestamp = ledger.Now,
        })));
    }

    /// <summary>What the machine's initial transition does for a valid new job: accept it, then schedule or run it.</summary>
    async Task<JobState> AdmitAsync(ConsumeContext<ScheduleJob> command, Uri sagaAddress, CancellationToken cancellationToken)
    {
        var job = new JobState { CorrelationId = command.Message.JobId, CurrentState = (int)JobStatus.Scheduled };
        JobLifecycleActivities.Accept(ledger, job, command.Message, JobLifecycleActivities.ActorOf(command));
        db.Jobs.Add(job);

        if (job.IsRecurring())
        {
            await JobLifecycleActivities.ScheduleRecurrenceAsync(dueMessages, job, sagaAddress, paused: false, cancellationToken);
        }
        else if (job.NextRunAt > ledger.Now && job.CanArm())
        {
            await RunActivities.ArmAsync(dueMessages, job, cancellationToken);
        }
        else if (job.NextRunAt > ledger.Now)
        {
            job.DueTokenId = await dueMessages.ScheduleOnceAsync(sagaAddress, job.NextRunAt.Value,
                new JobDue { JobId = job.CorrelationId }, cancellationToken: cancellationToken);
        }
        else
        {
            // A new job has every slot free: its occurrence is admitted without consulting the overlap policy.
            await RunActivities.OpenAndSendAsync(ledger, dueMessages, job, JobLifecycleActivities.TakeOccurrenceNow(job), cancellationToken: cancellationToken);
        }

        return job;
    }
}

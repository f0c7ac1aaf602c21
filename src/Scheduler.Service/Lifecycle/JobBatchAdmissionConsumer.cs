using System.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Admits the jobs of a <see cref="ScheduleJobs"/>: each one is decided by <see cref="JobDecider"/> through
/// <see cref="JobTransition"/>, exactly as a <see cref="ScheduleJob"/> of its own would be (validated on its own; a job
/// id already stored or an idempotency key used before answered with the job there), in the message's order, as if each
/// were sent after the one before it. All of them are stored in one transaction and answered with one
/// <see cref="JobsScheduled"/> once it has committed. A message with more than <see cref="ScheduleJobs.MaxJobs"/> jobs
/// has every job rejected, so that a sender always gets one result per job.
/// </summary>
public sealed class JobBatchAdmissionConsumer(
    SchedulerDbContext db,
    JobTransition transition,
    JobInputs inputs,
    KeyedJobAdmission keyedAdmission,
    DueMessageWriter dueMessages,
    ChangeSetWriter writer,
    TimeProvider clock,
    IOptions<DispatcherOptions> options) : IConsumer<ScheduleJobs>
{
    public async Task Consume(ConsumeContext<ScheduleJobs> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var jobs = context.Message.Jobs ?? [];
        if (jobs.Count > ScheduleJobs.MaxJobs)
        {
            var tooMany = new FieldError("jobs", $"a message may carry at most {ScheduleJobs.MaxJobs} jobs; this one carries {jobs.Count}");
            await context.RespondAsync(Answer(jobs.Select(job => new JobScheduleResult { JobId = job?.JobId ?? Guid.Empty, Errors = [tooMany] })));
            return;
        }

        var decisions = jobs.Count == 0 ? [] : await DecideAsync(context, jobs, context.CancellationToken);

        // What is stored is committed: a confirm that never comes must not hold the message for ever. Past the deadline
        // it fails and comes again, and then finds its jobs stored and answers them as such.
        await AnswerAsync(context, jobs.Zip(decisions, ResultOf).ToList(), decisions.OfType<JobDecision>())
            .WithinAsync(options.Value.SendTimeout, clock, context.CancellationToken);
    }

    /// <summary>The decision on each job, in order; null for an entry that is no job at all.</summary>
    async Task<List<JobDecision?>> DecideAsync(ConsumeContext<ScheduleJobs> context, IReadOnlyList<ScheduleJob?> jobs, CancellationToken cancellationToken)
    {
        var dueAddress = JobDueDefinition.AddressOn(context.ReceiveContext.InputAddress);
        var decisions = new List<JobDecision?>(jobs.Count);

        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var ids = jobs.OfType<ScheduleJob>().Select(j => j.JobId).Distinct().ToList();
        var known = await db.Jobs.IgnoreQueryFilters().AsNoTracking().Where(j => ids.Contains(j.CorrelationId))
            .ToDictionaryAsync(j => j.CorrelationId, cancellationToken);
        var unwrittenKeys = new HashSet<(string Tenant, string Key)>();
        for (var i = 0; i < jobs.Count; i++)
        {
            if (jobs[i] is not { } command)
            {
                decisions.Add(null);
                continue;
            }

            if (command.Key is not null)
            {
                var upserted = await keyedAdmission.DecideAsync(context, command, JobTransition.SeedOf(context, i), dueAddress, cancellationToken);
                if (upserted.Status is not null)
                    known.TryAdd(upserted.Job.CorrelationId, upserted.Job);
                decisions.Add(upserted);
                unwrittenKeys.Clear();
                continue;
            }

            if (known.TryGetValue(command.JobId, out var job))
            {
                decisions.Add(await transition.ApplyAsync(job, inputs.From(context, command, job), JobTransition.SeedOf(context, i), dueAddress, cancellationToken));
                continue;
            }

            // The job's rules find a key taken by an earlier job of this message only once that job is written.
            var key = command.IdempotencyKey is { } idempotencyKey ? (command.TenantId, idempotencyKey) : default;
            if (key != default && unwrittenKeys.Contains(key))
            {
                await writer.SaveAsync(db, cancellationToken);
                unwrittenKeys.Clear();
            }

            var decision = await transition.ApplyAsync(null, inputs.Schedule(context, command), JobTransition.SeedOf(context, i), dueAddress, cancellationToken);
            if (decision.Status is not null)
            {
                db.Jobs.Add(decision.Job);
                known[command.JobId] = decision.Job;
                if (key != default)
                    unwrittenKeys.Add(key);
            }

            decisions.Add(decision);
        }

        await writer.SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        dueMessages.NotifyCommitted();
        return decisions;
    }

    /// <summary>The job's answer, as the single path would have sent it, turned into its result.</summary>
    static JobScheduleResult ResultOf(ScheduleJob? command, JobDecision? decision) =>
        decision?.Effects.OfType<JobEffect.Reply>().Select(reply => reply.Message).FirstOrDefault() switch
        {
            JobScheduled scheduled => new JobScheduleResult { JobId = scheduled.JobId, Accepted = true, Created = scheduled.Created },
            JobRejected rejected => new JobScheduleResult { JobId = rejected.JobId, Errors = rejected.Errors },
            _ => new JobScheduleResult
            {
                JobId = command?.JobId ?? Guid.Empty, Errors = [new FieldError("job", "must be a JSON object with the fields of ScheduleJob")],
            },
        };

    async Task AnswerAsync(ConsumeContext<ScheduleJobs> context, List<JobScheduleResult> results, IEnumerable<JobDecision> decisions)
    {
        foreach (var publish in decisions.SelectMany(d => d.Effects).OfType<JobEffect.Publish>())
            await context.Publish(publish.Message, publish.Message.GetType(), context.CancellationToken);

        // Sent to the requester when the sender waits for it (a response address), published otherwise.
        await context.RespondAsync(Answer(results));
    }

    JobsScheduled Answer(IEnumerable<JobScheduleResult> results) => new() { Results = results.ToList(), Timestamp = clock.GetUtcNow() };
}

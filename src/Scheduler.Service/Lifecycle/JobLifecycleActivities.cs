using MassTransit;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.History;
using Scheduler.Service.Scheduling;
using Scheduler.Service.Scheduling.Delivery;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Lifecycle;

/// <summary>The behaviour of <see cref="JobStateMachine"/>'s transitions, so that the machine itself reads as a list of rules.</summary>
internal static class JobLifecycleActivities
{
    /// <summary>Header a sender sets to name itself in the audit trail (the REST API sends <c>api</c>).</summary>
    public const string ActorHeader = "Scheduler-Actor";

    public static EventActivityBinder<JobState, ScheduleJob> AcceptJob(this EventActivityBinder<JobState, ScheduleJob> binder) =>
        binder.Then(context => Accept(context.GetServiceOrCreateInstance<JobLedger>(), context.Saga, context.Message, ActorOf(context)));

    /// <summary>Makes <paramref name="job"/> the new job <paramref name="command"/> defines, with its first audit entry.</summary>
    public static void Accept(JobLedger ledger, JobState job, ScheduleJob command, string actor)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(command);
        var now = ledger.Now;
        job.TenantId = command.TenantId;
        job.IdempotencyKey = command.IdempotencyKey;
        job.CreatedAt = now;
        Define(job, command, now);

        ledger.Record(job, "scheduled", actor, from: null, to: JobStatus.Scheduled,
            detail: $"handler {job.Handler}, {Describe(command.Schedule)}, next run at {DueHeaders.Format(job.NextRunAt!.Value)}");
    }

    /// <summary>True when the tenant already has a job created with the command's idempotency key.</summary>
    public static async Task<bool> HasUsedIdempotencyKeyAsync(this BehaviorContext<JobState, ScheduleJob> context) =>
        context.Message.IdempotencyKey is { } key
        && await context.GetServiceOrCreateInstance<JobLedger>().FindJobByIdempotencyKeyAsync(context.Message.TenantId, key, context.CancellationToken) is not null;

    /// <summary>Answers a command whose idempotency key was used before with the job created then; nothing changes.</summary>
    public static EventActivityBinder<JobState, ScheduleJob> ReplyWithKeyedJob(this EventActivityBinder<JobState, ScheduleJob> binder) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var existing = await ledger.FindJobByIdempotencyKeyAsync(context.Message.TenantId, context.Message.IdempotencyKey!, context.CancellationToken)
                ?? throw new InvalidOperationException($"The job with idempotency key '{context.Message.IdempotencyKey}' disappeared.");
            await context.RespondAsync(new JobScheduled
            {
                JobId = existing.CorrelationId,
                TenantId = existing.TenantId,
                Created = false,
                NextRunAt = existing.NextRunAt,
                Timestamp = ledger.Now,
            });
        });

    /// <summary>Stores the job's recurring schedule in the due table, in the saga's transaction.</summary>
    public static EventActivityBinder<JobState, T> ScheduleRecurrence<T>(this EventActivityBinder<JobState, T> binder, bool paused = false)
        where T : class =>
        binder.ThenAsync(context => ScheduleRecurrenceAsync(context.GetServiceOrCreateInstance<DueMessageWriter>(), context.Saga,
            context.ReceiveContext.InputAddress, paused, context.CancellationToken));

    /// <summary>Writes the recurring schedule of <paramref name="job"/>, whose occurrences come to the saga at <paramref name="sagaAddress"/>.</summary>
    public static Task ScheduleRecurrenceAsync(DueMessageWriter writer, JobState job, Uri sagaAddress, bool paused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(job);
        var rule = job.RecurringRule();
        var recurrence = new JobRecurrence(job.CorrelationId, rule);
        return writer.ScheduleRecurringAsync(sagaAddress, recurrence.ScheduleGroup, recurrence.ScheduleId, rule, job.Schedule?.Jitter,
            new JobOccurrenceDue { JobId = job.CorrelationId }, paused, cancellationToken);
    }

    /// <summary>A job to run now: its occurrence is the moment it was accepted.</summary>
    public static EventActivityBinder<JobState, T> RunNow<T>(this EventActivityBinder<JobState, T> binder)
        where T : class =>
        binder.ThenAsync(async context => await context.AdmitOccurrenceAsync(TakeOccurrenceNow(context.Saga), owed: false));

    /// <summary>The occurrence of a job that runs now (its instant, or the moment it was accepted), taken off its schedule.</summary>
    public static DateTimeOffset TakeOccurrenceNow(JobState job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var occurrence = job.NextRunAt ?? job.CreatedAt;
        job.LastOccurrenceAt = occurrence;
        job.NextRunAt = null;
        return occurrence;
    }

    /// <summary>
    /// An occurrence is due (a one-shot's instant, or one of a recurring schedule's): applies the misfire policy when
    /// it comes late, opens a run for each occurrence to run, and sends them to the handler. A due message for an
    /// occurrence already handled (the dispatcher sent it twice) changes nothing.
    /// </summary>
    public static EventActivityBinder<JobState, T> RunOccurrence<T>(this EventActivityBinder<JobState, T> binder)
        where T : class =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var job = context.Saga;
            var occurrence = DueHeaders.ReadInstant(context.Headers, DueHeaders.Occurrence) ?? job.NextRunAt ?? ledger.Now;
            if (job.LastOccurrenceAt is { } handled && occurrence <= handled)
                return;

            var sentAt = DueHeaders.ReadInstant(context.Headers, DueHeaders.SentAt) ?? ledger.Now;
            var missed = DueHeaders.ReadMissed(context.Headers);
            job.LastOccurrenceAt = occurrence;
            job.NextRunAt = job.IsRecurring() ? job.RecurringRule().NextAfter(occurrence) : null;
            job.UpdatedAt = ledger.Now;

            await RunDecidedAsync(context, MisfireDecision.For(job.Misfire, occurrence, missed, sentAt));
        });

    static async Task RunDecidedAsync(BehaviorContext<JobState> context, MisfireDecision decision)
    {
        var ledger = context.GetServiceOrCreateInstance<JobLedger>();
        var job = context.Saga;
        if (decision.Note is { } note)
        {
            var status = JobStatusNames.FromState(job.CurrentState) ?? JobStatus.Scheduled;
            ledger.Record(job, "misfire", "scheduler", status, status, detail: note);
        }

        foreach (var skipped in decision.Skipped)
            ledger.RecordSkippedRun(job, skipped);

        foreach (var due in decision.ToRun)
            await context.AdmitOccurrenceAsync(due, owed: decision.CatchesUp);
    }

    public static EventActivityBinder<JobState, T> CancelSchedules<T>(this EventActivityBinder<JobState, T> binder, Schedule<JobState, JobDue> due)
        where T : class =>
        binder
            .Disarm()
            .Unschedule(due)
            .ThenAsync(async context =>
            {
                if (!context.Saga.IsRecurring())
                    return;

                await context.GetServiceOrCreateInstance<DueMessageWriter>().CancelRecurringAsync(JobRecurrence.Group,
                    context.Saga.CorrelationId.ToString("N"), context.CancellationToken);
            });

    /// <summary>Takes back the job's armed run, if it has one (see <see cref="RunActivities.DisarmAsync"/>).</summary>
    static EventActivityBinder<JobState, T> Disarm<T>(this EventActivityBinder<JobState, T> binder)
        where T : class =>
        binder.ThenAsync(context => RunActivities.DisarmAsync(context.GetServiceOrCreateInstance<JobLedger>(),
            context.GetServiceOrCreateInstance<DueMessageWriter>(), context.Saga, context.CancellationToken));

    /// <summary>Stops the job's occurrences where they are stored: the one-shot's due message, or the recurring schedule's row.</summary>
    public static EventActivityBinder<JobState, T> PauseSchedules<T>(this EventActivityBinder<JobState, T> binder, Schedule<JobState, JobDue> due)
        where T : class =>
        binder
            .Disarm()
            .Unschedule(due)
            .ThenAsync(async context =>
            {
                if (context.Saga.IsRecurring())
                    await context.GetServiceOrCreateInstance<DueMessageWriter>().PauseRecurringAsync(JobRecurrence.Group,
                        context.Saga.CorrelationId.ToString("N"), context.CancellationToken);
            });

    /// <summary>A recurring job picks up at its next occurrence after now; occurrences inside the pause are not owed.</summary>
    public static EventActivityBinder<JobState, ResumeJob> ResumeSchedules(this EventActivityBinder<JobState, ResumeJob> binder) =>
        binder.ThenAsync(async context =>
        {
            var job = context.Saga;
            if (!job.IsRecurring())
                return;

            job.NextRunAt = await context.GetServiceOrCreateInstance<DueMessageWriter>().ResumeRecurringAsync(JobRecurrence.Group,
                job.CorrelationId.ToString("N"), context.CancellationToken);
        });

    /// <summary>A one-shot whose instant passed while the job was paused: it is due now, under its misfire policy.</summary>
    public static EventActivityBinder<JobState, ResumeJob> RunOverdueOccurrence(this EventActivityBinder<JobState, ResumeJob> binder) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var job = context.Saga;
            var occurrence = job.NextRunAt!.Value;
            job.LastOccurrenceAt = occurrence;
            job.NextRunAt = null;
            await RunDecidedAsync(context, MisfireDecision.For(job.Misfire, occurrence, [], ledger.Now));
        });

    public static EventActivityBinder<JobState, PauseJob> RecordPaused(this EventActivityBinder<JobState, PauseJob> binder, State to) =>
        binder.Then(context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var job = context.Saga;
            job.UpdatedAt = ledger.Now;
            ledger.Record(job, "paused", ActorOf(context), JobStatusNames.FromState(job.CurrentState), JobStatusNames.Of(to),
                detail: context.Message.Reason);
        });

    /// <summary>Records the resume, then starts the occurrences that waited for a slot while the job was paused.</summary>
    public static EventActivityBinder<JobState, ResumeJob> RecordResumed(this EventActivityBinder<JobState, ResumeJob> binder) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var job = context.Saga;
            job.UpdatedAt = ledger.Now;
            var dequeued = await RunActivities.StartQueuedAsync(context, resuming: true);
            ledger.Record(job, "resumed", ActorOf(context), JobStatus.Paused, StatusOnResume(job), detail: context.Message.Reason);
            RunActivities.RecordDequeued(ledger, job, dequeued);
        });

    /// <summary>Where a resumed job goes: running while runs are out, scheduled while occurrences are to come, else finished.</summary>
    public static JobStatus StatusOnResume(JobState job) =>
        job.ActiveRuns > 0 ? JobStatus.Running
        : job.IsRecurring() ? (job.NextRunAt is null ? JobStatus.Completed : JobStatus.Scheduled)
        : job.NextRunAt is not null ? JobStatus.Scheduled
        : job.LastRunStatus == RunStatus.Faulted ? JobStatus.Faulted
        : JobStatus.Completed;

    public static EventActivityBinder<JobState, PauseJob> ReplyPaused(this EventActivityBinder<JobState, PauseJob> binder) =>
        binder.RespondAsync(context => context.Init<JobPaused>(new JobPaused
        {
            JobId = context.Saga.CorrelationId,
            Timestamp = context.GetServiceOrCreateInstance<JobLedger>().Now,
        }));

    /// <summary>The definition an update would give the job, as a <see cref="ScheduleJob"/>, so that it is validated like one.</summary>
    public static ScheduleJob AsScheduleJob(this UpdateJob update, JobState job)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(job);
        return new ScheduleJob
        {
            JobId = job.CorrelationId,
            TenantId = job.TenantId,
            Name = update.Name,
            Handler = update.Handler,
            Payload = update.Payload,
            Schedule = update.Schedule,
            Priority = update.Priority,
            Retry = update.Retry,
            Timeout = update.Timeout,
            Concurrency = update.Concurrency,
            Misfire = update.Misfire,
            Metadata = update.Metadata,
        };
    }

    /// <summary>Replaces the job's definition; its next run is computed from now under the new schedule.</summary>
    public static EventActivityBinder<JobState, UpdateJob> ApplyUpdate(this EventActivityBinder<JobState, UpdateJob> binder) =>
        binder.Then(context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var job = context.Saga;
            var update = context.Message;
            var now = ledger.Now;
            Define(job, update.AsScheduleJob(job), now);

            var status = JobStatusNames.FromState(job.CurrentState) ?? JobStatus.Scheduled;
            ledger.Record(job, "updated", ActorOf(context), status, status,
                detail: $"handler {job.Handler}, {Describe(update.Schedule)}, next run at {DueHeaders.Format(job.NextRunAt!.Value)}");
        });

    public static EventActivityBinder<JobState, UpdateJob> ReplyUpdated(this EventActivityBinder<JobState, UpdateJob> binder) =>
        binder.RespondAsync(context => context.Init<JobUpdated>(new JobUpdated
        {
            JobId = context.Saga.CorrelationId,
            NextRunAt = context.Saga.NextRunAt,
            Timestamp = context.GetServiceOrCreateInstance<JobLedger>().Now,
        }));

    public static EventActivityBinder<JobState, UpdateJob> ReplyUpdateRejected(this EventActivityBinder<JobState, UpdateJob> binder,
        ScheduleJobValidator validator) =>
        binder.RespondAsync(context => context.Init<JobRejected>(new JobRejected
        {
            JobId = context.Saga.CorrelationId,
            TenantId = context.Saga.TenantId,
            Errors = validator.ValidateOnBus(context.Message.AsScheduleJob(context.Saga), context.GetServiceOrCreateInstance<TimeProvider>()),
            Timestamp = context.GetServiceOrCreateInstance<JobLedger>().Now,
        }));

    /// <summary>Marks the job deleted (once) and drops what it had waiting; <paramref name="to"/> is where it goes, null to stay.</summary>
    public static EventActivityBinder<JobState, DeleteJob> RecordDeleted(this EventActivityBinder<JobState, DeleteJob> binder, State? to) =>
        binder.Then(context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var job = context.Saga;
            if (job.DeletedAt is not null)
                return;

            var from = JobStatusNames.FromState(job.CurrentState) ?? JobStatus.Scheduled;
            job.DeletedAt = ledger.Now;
            job.NextRunAt = null;
            job.QueuedOccurrences = null;
            job.UpdatedAt = ledger.Now;
            ledger.Record(job, "deleted", ActorOf(context), from, to is null ? from : JobStatusNames.Of(to), detail: context.Message.Reason);
        });

    public static EventActivityBinder<JobState, DeleteJob> ReplyDeleted(this EventActivityBinder<JobState, DeleteJob> binder) =>
        binder.RespondAsync(context => context.Init<JobDeleted>(new JobDeleted
        {
            JobId = context.Saga.CorrelationId,
            Timestamp = context.GetServiceOrCreateInstance<JobLedger>().Now,
        }));

    public static EventActivityBinder<JobState, ResumeJob> ReplyResumed(this EventActivityBinder<JobState, ResumeJob> binder) =>
        binder.RespondAsync(context => context.Init<JobResumed>(new JobResumed
        {
            JobId = context.Saga.CorrelationId,
            Timestamp = context.GetServiceOrCreateInstance<JobLedger>().Now,
        }));

    public static EventActivityBinder<JobState, T> RejectCommand<T>(this EventActivityBinder<JobState, T> binder, string why)
        where T : class =>
        binder.RespondAsync(context => context.Init<JobCommandRejected>(new JobCommandRejected
        {
            JobId = context.Saga.CorrelationId,
            Reason = $"Job {context.Saga.CorrelationId} is {JobStatusNames.FromState(context.Saga.CurrentState)?.ToWireName()}: {why}.",
        }));

    public static EventActivityBinder<JobState, CancelJob> RecordCancelled(this EventActivityBinder<JobState, CancelJob> binder, State to) =>
        binder.Then(context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var job = context.Saga;
            job.NextRunAt = null;
            job.QueuedOccurrences = null;
            job.UpdatedAt = ledger.Now;
            ledger.Record(job, "cancelled", ActorOf(context), JobStatusNames.FromState(job.CurrentState), JobStatusNames.Of(to),
                detail: context.Message.Reason);
        });

    public static EventActivityBinder<JobState, CancelJob> ReplyCancelled(this EventActivityBinder<JobState, CancelJob> binder) =>
        binder.RespondAsync(context => context.Init<JobCancelled>(new JobCancelled
        {
            JobId = context.Saga.CorrelationId,
            Timestamp = context.GetServiceOrCreateInstance<JobLedger>().Now,
        }));

    public static EventActivityBinder<JobState, ScheduleJob> ReplyScheduled(this EventActivityBinder<JobState, ScheduleJob> binder, bool created) =>
        binder.RespondAsync(context => context.Init<JobScheduled>(new JobScheduled
        {
            JobId = context.Saga.CorrelationId,
            TenantId = context.Saga.TenantId,
            Created = created,
            NextRunAt = context.Saga.NextRunAt,
            Timestamp = context.GetServiceOrCreateInstance<JobLedger>().Now,
        }));

    public static EventActivityBinder<JobState, ScheduleJob> ReplyRejected(this EventActivityBinder<JobState, ScheduleJob> binder,
        ScheduleJobValidator validator) =>
        binder.RespondAsync(context => context.Init<JobRejected>(new JobRejected
        {
            JobId = context.Message.JobId,
            TenantId = context.Message.TenantId,
            Errors = validator.ValidateOnBus(context.Message, context.GetServiceOrCreateInstance<TimeProvider>()),
            Timestamp = context.GetServiceOrCreateInstance<JobLedger>().Now,
        }));

    /// <summary>Gives the job the definition a schedule command or an update carries; its next run counts from <paramref name="now"/>.</summary>
    static void Define(JobState job, ScheduleJob definition, DateTimeOffset now)
    {
        job.Name = definition.Name!;
        job.Handler = definition.Handler!;
        job.Payload = definition.Payload;
        job.Schedule = definition.Schedule;
        job.Priority = definition.Priority ?? JobPriority.Normal;
        job.Retry = definition.Retry;
        job.Timeout = definition.Timeout;
        job.Concurrency = definition.Concurrency;
        job.Misfire = definition.Misfire;
        job.Metadata = definition.Metadata;
        job.UpdatedAt = now;
        job.NextRunAt = FirstRunAt(job, definition.Schedule, now);
    }

    static DateTimeOffset FirstRunAt(JobState job, JobSchedule? schedule, DateTimeOffset now)
    {
        if (schedule.IsRecurring())
            return job.RecurringRule().NextAfter(now) ?? now;

        return schedule switch
        {
            { At: { } at } => at,
            { Delay: { } delay } => now + delay,
            _ => now,
        };
    }

    static string Describe(JobSchedule? schedule) => schedule switch
    {
        { Cron: { } cron } => $"cron '{cron}' in {schedule.TimeZone ?? "UTC"}",
        { Every: { } every } => $"every {IsoDuration.Format(every)}",
        { Rrule: { } rrule } => $"rrule '{rrule}' in {schedule.TimeZone ?? "UTC"}",
        { At: { } at } => $"once at {DueHeaders.Format(at)}",
        { Delay: { } delay } => $"once after {IsoDuration.Format(delay)}",
        _ => "run now",
    };

    public static string ActorOf(ConsumeContext context) =>
        context.Headers.Get<string>(ActorHeader) is { Length: > 0 } actor
            ? actor
            : context.SourceAddress is { } source ? $"bus:{source.AbsolutePath.Trim('/')}" : "bus";
}

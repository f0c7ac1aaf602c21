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
        binder.Then(context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var job = context.Saga;
            var command = context.Message;
            var now = ledger.Now;

            job.TenantId = command.TenantId;
            job.Name = command.Name!;
            job.Handler = command.Handler!;
            job.Payload = command.Payload;
            job.Schedule = command.Schedule;
            job.Priority = command.Priority ?? JobPriority.Normal;
            job.Retry = command.Retry;
            job.Timeout = command.Timeout;
            job.Concurrency = command.Concurrency;
            job.Misfire = command.Misfire;
            job.IdempotencyKey = command.IdempotencyKey;
            job.Metadata = command.Metadata;
            job.CreatedAt = now;
            job.UpdatedAt = now;
            job.NextRunAt = FirstRunAt(job, command.Schedule, now);

            ledger.Record(job, "scheduled", ActorOf(context), from: null, to: JobStatus.Scheduled,
                detail: $"handler {job.Handler}, {Describe(command.Schedule)}, next run at {DueHeaders.Format(job.NextRunAt!.Value)}");
        });

    /// <summary>Stores the job's recurring schedule in the due table, in the saga's transaction.</summary>
    public static EventActivityBinder<JobState, ScheduleJob> ScheduleRecurrence(this EventActivityBinder<JobState, ScheduleJob> binder) =>
        binder.ThenAsync(async context =>
        {
            var job = context.Saga;
            var rule = job.RecurringRule();
            var recurrence = new JobRecurrence(job.CorrelationId, rule);
            await context.GetServiceOrCreateInstance<DueMessageWriter>().ScheduleRecurringAsync(context.ReceiveContext.InputAddress,
                recurrence.ScheduleGroup, recurrence.ScheduleId, rule, job.Schedule?.Jitter,
                new JobOccurrenceDue { JobId = job.CorrelationId }, context.CancellationToken);
        });

    /// <summary>A job to run now: its occurrence is the moment it was accepted.</summary>
    public static EventActivityBinder<JobState, ScheduleJob> RunNow(this EventActivityBinder<JobState, ScheduleJob> binder) =>
        binder.ThenAsync(async context =>
        {
            var job = context.Saga;
            var occurrence = job.NextRunAt ?? job.CreatedAt;
            job.LastOccurrenceAt = occurrence;
            job.NextRunAt = null;
            await DispatchRunAsync(context, occurrence);
        });

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
            await DispatchRunAsync(context, due);
    }

    public static EventActivityBinder<JobState, T> CancelSchedules<T>(this EventActivityBinder<JobState, T> binder, Schedule<JobState, JobDue> due)
        where T : class =>
        binder
            .Unschedule(due)
            .ThenAsync(async context =>
            {
                if (!context.Saga.IsRecurring())
                    return;

                await context.GetServiceOrCreateInstance<DueMessageWriter>().CancelRecurringAsync(JobRecurrence.Group,
                    context.Saga.CorrelationId.ToString("N"), context.CancellationToken);
            });

    /// <summary>Stops the job's occurrences where they are stored: the one-shot's due message, or the recurring schedule's row.</summary>
    public static EventActivityBinder<JobState, PauseJob> PauseSchedules(this EventActivityBinder<JobState, PauseJob> binder, Schedule<JobState, JobDue> due) =>
        binder
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

    public static EventActivityBinder<JobState, ResumeJob> RecordResumed(this EventActivityBinder<JobState, ResumeJob> binder) =>
        binder.Then(context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var job = context.Saga;
            job.UpdatedAt = ledger.Now;
            ledger.Record(job, "resumed", ActorOf(context), JobStatus.Paused, StatusOnResume(job), detail: context.Message.Reason);
        });

    /// <summary>Where a resumed job goes: running while runs are out, scheduled while occurrences are to come, else finished.</summary>
    public static JobStatus StatusOnResume(JobState job) =>
        job.ActiveRuns > 0 ? JobStatus.Running
        : job.IsRecurring() ? (job.NextRunAt is null ? JobStatus.Completed : JobStatus.Scheduled)
        : job.NextRunAt is not null ? JobStatus.Scheduled
        : job.FailureCount > 0 ? JobStatus.Faulted
        : JobStatus.Completed;

    public static EventActivityBinder<JobState, PauseJob> ReplyPaused(this EventActivityBinder<JobState, PauseJob> binder) =>
        binder.RespondAsync(context => context.Init<JobPaused>(new JobPaused
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

    /// <summary>True when the started event is for a run still waiting for its consumer (not one already finished).</summary>
    public static async Task<bool> IsPendingRunAsync(this BehaviorContext<JobState, JobRunStarted> context)
    {
        var run = await context.GetServiceOrCreateInstance<JobLedger>().FindRunAsync(context.Message.RunId, context.Message.JobId, context.CancellationToken);
        return run is { Status: RunStatus.Pending };
    }

    public static EventActivityBinder<JobState, JobRunStarted> StartRun(this EventActivityBinder<JobState, JobRunStarted> binder, State to) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var message = context.Message;
            var run = await ledger.FindRunAsync(message.RunId, message.JobId, context.CancellationToken);
            if (run is { Status: RunStatus.Pending })
            {
                run.Status = RunStatus.Running;
                run.StartedAt = message.StartedAt;
                run.Host = message.Host;
            }

            var job = context.Saga;
            job.LastRunAt = message.StartedAt;
            job.UpdatedAt = ledger.Now;
            ledger.Record(job, "runStarted", JobLedger.ConsumerActor(message.Host), JobStatusNames.FromState(job.CurrentState), JobStatusNames.Of(to),
                message.RunId, $"attempt {message.Attempt}");
        });

    public static EventActivityBinder<JobState, JobRunSucceeded> SucceedRun(this EventActivityBinder<JobState, JobRunSucceeded> binder) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var message = context.Message;
            var run = await ledger.FindRunAsync(message.RunId, message.JobId, context.CancellationToken);
            if (run is null || run.IsFinished)
                return;

            run.Status = RunStatus.Succeeded;
            run.StartedAt ??= message.StartedAt;
            run.CompletedAt = message.CompletedAt;
            run.DurationMs = message.DurationMs;
            run.Result = message.Result;
            run.Host ??= message.Host;

            var job = context.Saga;
            var from = RecordImpliedStart(ledger, job, message.RunId, message.Attempt, message.Host);
            FinishRun(job, message.RunId, message.StartedAt, ledger.Now);
            ledger.Record(job, "runSucceeded", JobLedger.ConsumerActor(message.Host), from, StatusAfterRun(job, failed: false),
                message.RunId, $"attempt {message.Attempt} took {message.DurationMs} ms");
        });

    public static EventActivityBinder<JobState, JobRunFailed> FailRun(this EventActivityBinder<JobState, JobRunFailed> binder) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var message = context.Message;
            var run = await ledger.FindRunAsync(message.RunId, message.JobId, context.CancellationToken);
            if (run is null || run.IsFinished)
                return;

            run.Status = RunStatus.Failed;
            run.StartedAt ??= message.StartedAt;
            run.CompletedAt = message.CompletedAt;
            run.DurationMs = message.DurationMs;
            run.ErrorCategory = message.Error.Category;
            run.ErrorMessage = message.Error.Message;
            run.Host ??= message.Host;

            var job = context.Saga;
            var from = RecordImpliedStart(ledger, job, message.RunId, message.Attempt, message.Host);
            job.FailureCount++;
            FinishRun(job, message.RunId, message.StartedAt, ledger.Now);
            ledger.Record(job, "runFailed", JobLedger.ConsumerActor(message.Host), from, StatusAfterRun(job, failed: true),
                message.RunId, $"attempt {message.Attempt}: {JobLedger.Describe(message.Error)}");
        });

    /// <summary>Where a job goes when a run ends; the machine's transitions after a run follow the same rule.</summary>
    public static JobStatus StatusAfterRun(JobState job, bool failed) =>
        JobStatusNames.FromState(job.CurrentState) is JobStatus.Cancelled or JobStatus.Paused ? JobStatusNames.FromState(job.CurrentState)!.Value
        : job.ActiveRuns > 0 ? JobStatus.Running
        : job.HasNextOccurrence() ? JobStatus.Scheduled
        : failed ? JobStatus.Faulted
        : JobStatus.Completed;

    public static bool HasNextOccurrence(this JobState job) => job.IsRecurring() && job.NextRunAt is not null;

    static async Task DispatchRunAsync(BehaviorContext<JobState> context, DateTimeOffset occurrence)
    {
        var ledger = context.GetServiceOrCreateInstance<JobLedger>();
        var job = context.Saga;
        var run = ledger.OpenRun(job, scheduledFor: occurrence);
        job.CurrentRunId = run.Id;
        job.ActiveRuns++;

        // A run is a message due now, written with the job's new state: neither exists without the other.
        await context.GetServiceOrCreateInstance<DueMessageWriter>().ScheduleOnceAsync(HandlerEndpoint.Address(job.Handler), ledger.Now, new ExecuteJob
        {
            JobId = job.CorrelationId,
            RunId = run.Id,
            TenantId = job.TenantId,
            Handler = job.Handler,
            Name = job.Name,
            Payload = job.Payload,
            Attempt = run.Attempt,
            ScheduledFor = occurrence,
            Timeout = job.Timeout,
        }, cancellationToken: context.CancellationToken);
    }

    static void FinishRun(JobState job, Guid runId, DateTimeOffset startedAt, DateTimeOffset now)
    {
        job.RunCount++;
        job.ActiveRuns = Math.Max(0, job.ActiveRuns - 1);
        job.LastRunAt = job.LastRunAt is { } last && last > startedAt ? last : startedAt;
        if (job.CurrentRunId == runId)
            job.CurrentRunId = null;
        job.UpdatedAt = now;
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

    /// <summary>
    /// An outcome can overtake its run's started event on the way to the saga (they are handled concurrently).
    /// The outcome proves the run started, so the trail records the start first and stays in order; the late
    /// started event is then ignored. Returns the status the outcome moves the job from.
    /// </summary>
    static JobStatus? RecordImpliedStart(JobLedger ledger, JobState job, Guid runId, int attempt, string? host)
    {
        var current = JobStatusNames.FromState(job.CurrentState);
        if (current != JobStatus.Scheduled)
            return current;

        ledger.Record(job, "runStarted", JobLedger.ConsumerActor(host), JobStatus.Scheduled, JobStatus.Running, runId,
            $"attempt {attempt} (reported with its outcome)");
        return JobStatus.Running;
    }

    static string ActorOf(ConsumeContext context) =>
        context.Headers.Get<string>(ActorHeader) is { Length: > 0 } actor
            ? actor
            : context.SourceAddress is { } source ? $"bus:{source.AbsolutePath.Trim('/')}" : "bus";
}

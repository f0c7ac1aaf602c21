using MassTransit;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.History;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// The runs of a job: admitting an occurrence under the job's concurrency policy, sending a run to its handler,
/// recording what the consumer reports, retrying a failure with backoff, keeping the last failure as a dead letter
/// and replaying it.
/// </summary>
internal static class RunActivities
{
    const string SchedulerActor = "scheduler";

    /// <summary>
    /// Opens a run for <paramref name="occurrence"/> and sends it, when the job has a free slot. At its limit the
    /// overlap policy decides, unless the occurrence is <paramref name="owed"/> (a catch-up), which always waits.
    /// Returns <c>started</c>, <c>queued</c> or <c>skipped</c>.
    /// </summary>
    public static async Task<string> AdmitOccurrenceAsync(this BehaviorContext<JobState> context, DateTimeOffset occurrence, bool owed)
    {
        var ledger = context.GetServiceOrCreateInstance<JobLedger>();
        var job = context.Saga;
        var limit = MaxInstances(job);
        if (job.ActiveRuns < limit)
        {
            await OpenAndSendAsync(context, occurrence);
            return "started";
        }

        var status = CurrentStatus(job);
        var busy = $"{job.ActiveRuns} of {limit} run(s) out";
        var overlap = job.Concurrency?.Overlap ?? OverlapMode.Skip;
        if (owed || (overlap == OverlapMode.Queue && job.QueuedOccurrences is not { Count: > 0 }))
        {
            job.QueuedOccurrences = [.. job.QueuedOccurrences ?? [], occurrence];
            ledger.Record(job, "runQueued", SchedulerActor, status, status,
                detail: $"occurrence {DueHeaders.Format(occurrence)} waits for a free slot ({busy})");
            return "queued";
        }

        switch (overlap)
        {
            case OverlapMode.Allow:
                await OpenAndSendAsync(context, occurrence);
                return "started";
            case OverlapMode.Replace:
                await AbandonActiveRunsAsync(context, $"replaced by the occurrence due at {DueHeaders.Format(occurrence)}");
                await OpenAndSendAsync(context, occurrence);
                return "started";
            default:
                var skipped = ledger.RecordSkippedRun(job, occurrence);
                ledger.Record(job, "runSkipped", SchedulerActor, status, status, skipped.Id,
                    overlap == OverlapMode.Queue
                        ? $"occurrence {DueHeaders.Format(occurrence)} skipped: one occurrence already waits ({busy})"
                        : $"occurrence {DueHeaders.Format(occurrence)} skipped: overlap skip ({busy})");
                return "skipped";
        }
    }

    /// <summary>True when the started event is for a run still waiting for its consumer (not one already finished).</summary>
    public static async Task<bool> IsPendingRunAsync(this BehaviorContext<JobState, JobRunStarted> context)
    {
        if (context.Saga.ArmedRunId == context.Message.RunId)
            return true;

        var run = await context.GetServiceOrCreateInstance<JobLedger>().FindRunAsync(context.Message.RunId, context.Message.JobId, context.CancellationToken);
        return run is { Status: RunStatus.Pending };
    }

    public static EventActivityBinder<JobState, JobRunStarted> StartRun(this EventActivityBinder<JobState, JobRunStarted> binder, State to) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var message = context.Message;
            OpenArmedRun(ledger, context.Saga, message.RunId, message.StartedAt);
            var run = await ledger.FindRunAsync(message.RunId, message.JobId, context.CancellationToken);
            if (run is not { Status: RunStatus.Pending })
                return;

            run.Status = RunStatus.Running;
            run.StartedAt = message.StartedAt;
            run.Host = message.Host;

            var job = context.Saga;
            job.LastRunAt = Latest(job.LastRunAt, message.StartedAt);
            job.UpdatedAt = ledger.Now;
            ledger.Record(job, "runStarted", JobLedger.ConsumerActor(message.Host), CurrentStatus(job), JobStatusNames.Of(to),
                message.RunId, $"attempt {message.Attempt}");
        });

    public static EventActivityBinder<JobState, JobRunSucceeded> SucceedRun(this EventActivityBinder<JobState, JobRunSucceeded> binder) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var message = context.Message;
            var (run, from) = await OpenOutcomeAsync(context, message.RunId, message.JobId, message.Attempt, message.Host, message.StartedAt,
                $"succeeded in {message.DurationMs} ms");
            if (run is null)
                return;

            run.Status = RunStatus.Succeeded;
            run.StartedAt ??= message.StartedAt;
            run.CompletedAt = message.CompletedAt;
            run.DurationMs = message.DurationMs;
            run.Result = message.Result;
            run.Host ??= message.Host;

            var job = context.Saga;
            FinishOccurrence(job, run, ledger.Now);
            var dequeued = await StartQueuedAsync(context);
            ledger.Record(job, "runSucceeded", JobLedger.ConsumerActor(message.Host), from, StatusAfterRun(job),
                message.RunId, $"attempt {message.Attempt} took {message.DurationMs} ms");
            RecordDequeued(ledger, job, dequeued);
        });

    /// <summary>
    /// A failed attempt: retried after its backoff while the job's retry policy allows (never for a permanent error),
    /// otherwise the occurrence has faulted — the run is kept as a dead letter and <see cref="JobRunFaulted"/> published.
    /// </summary>
    public static EventActivityBinder<JobState, JobRunFailed> FailRun(this EventActivityBinder<JobState, JobRunFailed> binder) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var message = context.Message;
            var (run, from) = await OpenOutcomeAsync(context, message.RunId, message.JobId, message.Attempt, message.Host, message.StartedAt,
                $"failed ({JobLedger.Describe(message.Error)})");
            if (run is null)
                return;

            var error = message.Error;
            run.StartedAt ??= message.StartedAt;
            run.CompletedAt = message.CompletedAt;
            run.DurationMs = message.DurationMs;
            run.ErrorCategory = error.Category;
            run.ErrorMessage = error.Message;
            run.Host ??= message.Host;

            var job = context.Saga;
            job.FailureCount++;
            var plan = RetryPlan.For(job.Retry);
            var actor = JobLedger.ConsumerActor(message.Host);
            var failure = $"attempt {run.Attempt}: {JobLedger.Describe(error)}";

            // A replay goes on counting attempts from its dead letter's, with a fresh set of them.
            var before = run.ReplayOf is { } deadLetter ? (await ledger.FindRunAsync(deadLetter, job.CorrelationId, context.CancellationToken))?.Attempt ?? 0 : 0;
            var attempts = run.Attempt - before;
            if (plan.Retries(attempts, error.Category) && CurrentStatus(job) != JobStatus.Cancelled)
            {
                run.Status = error.Category == ErrorCategory.Timeout ? RunStatus.TimedOut : RunStatus.Failed;
                var retry = await ScheduleRetryAsync(context, run, plan.DelayAfter(attempts, Random.Shared.NextDouble()), message.CompletedAt);
                var status = CurrentStatus(job) == JobStatus.Paused ? JobStatus.Paused : JobStatus.Running;
                ledger.Record(job, error.Category == ErrorCategory.Timeout ? "runTimedOut" : "runFailed", actor, from, status, run.Id, failure);
                ledger.Record(job, "retryScheduled", SchedulerActor, status, status, retry.Id,
                    $"attempt {retry.Attempt} ({attempts + 1} of {plan.MaxAttempts}) at {DueHeaders.Format(retry.DueAt!.Value)}, " +
                    $"after {IsoDuration.Format(retry.DueAt.Value - message.CompletedAt)} ({plan.Backoff.ToString().ToLowerInvariant()} backoff)");
                return;
            }

            run.Status = RunStatus.Faulted;
            FinishOccurrence(job, run, ledger.Now);
            var dequeued = await StartQueuedAsync(context);
            var why = error.Category == ErrorCategory.Permanent ? "a permanent error is not retried"
                : CurrentStatus(job) == JobStatus.Cancelled ? "the job is cancelled"
                : $"{attempts} of {plan.MaxAttempts} attempt(s) spent";
            ledger.Record(job, "runFaulted", actor, from, StatusAfterRun(job), run.Id, $"{failure}; {why}: kept as a dead letter");
            RecordDequeued(ledger, job, dequeued);

            await context.Publish(new JobRunFaulted
            {
                JobId = job.CorrelationId,
                RunId = run.Id,
                TenantId = job.TenantId,
                Handler = job.Handler,
                Attempt = run.Attempt,
                ScheduledFor = run.ScheduledFor,
                Error = error,
                Timestamp = ledger.Now,
            });
        });

    /// <summary>A retry's backoff is over: its run goes to the handler, unless the job was cancelled meanwhile.</summary>
    public static EventActivityBinder<JobState, JobRetryDue> SendRetry(this EventActivityBinder<JobState, JobRetryDue> binder) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var job = context.Saga;
            var run = await ledger.FindRunAsync(context.Message.RunId, job.CorrelationId, context.CancellationToken);
            if (run is not { Status: RunStatus.Pending, SentAt: null })
                return;

            if (CurrentStatus(job) != JobStatus.Cancelled)
            {
                await SendAsync(context, run);
                return;
            }

            run.Status = RunStatus.Skipped;
            run.CompletedAt = ledger.Now;
            FinishOccurrence(job, run, ledger.Now);
            ledger.Record(job, "runSkipped", SchedulerActor, JobStatus.Cancelled, JobStatus.Cancelled, run.Id,
                $"attempt {run.Attempt} not sent: the job was cancelled during its backoff");
        });

    /// <summary>Runs the job now, besides its schedule, under its concurrency policy; answers with what became of it.</summary>
    public static EventActivityBinder<JobState, TriggerJob> TriggerRun(this EventActivityBinder<JobState, TriggerJob> binder) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var job = context.Saga;
            var now = ledger.Now;
            var status = CurrentStatus(job);
            job.UpdatedAt = now;
            ledger.Record(job, "triggered", JobLifecycleActivities.ActorOf(context), status, status, detail: context.Message.Reason ?? "run now");
            var before = job.CurrentRunId;
            var outcome = await context.AdmitOccurrenceAsync(now, owed: false);
            await context.RespondAsync(new JobTriggered
            {
                JobId = job.CorrelationId,
                RunId = outcome == "started" && job.CurrentRunId != before ? job.CurrentRunId : null,
                Outcome = outcome,
                Timestamp = now,
            });
        });

    /// <summary>Replays a dead letter as a new run of its occurrence with a fresh set of attempts, or answers why not.</summary>
    public static EventActivityBinder<JobState, ReplayRun> ReplayDeadLetter(this EventActivityBinder<JobState, ReplayRun> binder) =>
        binder.ThenAsync(async context =>
        {
            var ledger = context.GetServiceOrCreateInstance<JobLedger>();
            var job = context.Saga;
            var dead = await ledger.FindRunAsync(context.Message.RunId, job.CorrelationId, context.CancellationToken);
            var refusal = dead switch
            {
                null => $"Run {context.Message.RunId} is not a run of job {job.CorrelationId}.",
                { Status: not RunStatus.Faulted } => $"Run {dead.Id} is {dead.Status.ToWireName()}, not a dead letter: only a faulted run can be replayed.",
                { ReplayedBy: { } replay } => $"Run {dead.Id} was replayed already, by run {replay}.",
                _ => null,
            };
            if (refusal is not null)
            {
                await context.RespondAsync(new JobCommandRejected { JobId = job.CorrelationId, Reason = refusal });
                return;
            }

            var run = await OpenAndSendAsync(context, dead!.ScheduledFor, attempt: dead.Attempt + 1, replayOf: dead.Id);
            dead.ReplayedBy = run.Id;
            job.UpdatedAt = ledger.Now;
            var status = CurrentStatus(job);
            ledger.Record(job, "runReplayed", JobLifecycleActivities.ActorOf(context), status, status, run.Id,
                $"dead letter {dead.Id} (attempt {dead.Attempt}: {dead.ErrorCategory?.ToString().ToLowerInvariant()}: {dead.ErrorMessage}) runs again");
            await context.RespondAsync(new RunReplayed { JobId = job.CorrelationId, RunId = run.Id, ReplayOf = dead.Id, Timestamp = ledger.Now });
        });

    /// <summary>Where a job goes when a run ends; the machine's transitions after a run follow the same rule.</summary>
    public static JobStatus StatusAfterRun(JobState job) =>
        CurrentStatus(job) is JobStatus.Cancelled or JobStatus.Paused ? CurrentStatus(job)
        : job.ActiveRuns > 0 ? JobStatus.Running
        : job.HasNextOccurrence() ? JobStatus.Scheduled
        : job.LastRunStatus == RunStatus.Faulted ? JobStatus.Faulted
        : JobStatus.Completed;

    public static bool HasNextOccurrence(this JobState job) => job.IsRecurring() && job.NextRunAt is not null;

    /// <summary>Starts waiting occurrences while the job has free slots (not while it is paused, unless it is being resumed).</summary>
    public static async Task<JobRun?> StartQueuedAsync(BehaviorContext<JobState> context, bool resuming = false)
    {
        var job = context.Saga;
        var status = CurrentStatus(job);
        if (status == JobStatus.Cancelled || (status == JobStatus.Paused && !resuming))
            return null;

        JobRun? started = null;
        while (job.QueuedOccurrences is { Count: > 0 } queue && job.ActiveRuns < MaxInstances(job))
        {
            job.QueuedOccurrences = queue.Count == 1 ? null : queue.Skip(1).ToList();
            started = await OpenAndSendAsync(context, queue[0]);
        }

        return started;
    }

    public static void RecordDequeued(JobLedger ledger, JobState job, JobRun? run)
    {
        if (run is null)
            return;

        var status = CurrentStatus(job);
        ledger.Record(job, "queuedRunSent", SchedulerActor, status, status, run.Id,
            $"occurrence {DueHeaders.Format(run.ScheduledFor)} left the queue");
    }

    static int MaxInstances(JobState job) => job.Concurrency?.MaxInstances ?? 1;

    static JobStatus CurrentStatus(JobState job) => JobStatusNames.FromState(job.CurrentState) ?? JobStatus.Scheduled;

    static Task<JobRun> OpenAndSendAsync(BehaviorContext<JobState> context, DateTimeOffset occurrence, int attempt = 1, Guid? replayOf = null) =>
        OpenAndSendAsync(context.GetServiceOrCreateInstance<JobLedger>(), context.GetServiceOrCreateInstance<DueMessageWriter>(), context.Saga,
            occurrence, attempt, replayOf, context.CancellationToken);

    /// <summary>Opens a run of <paramref name="job"/> for <paramref name="occurrence"/> and sends it (see <see cref="SendAsync(JobLedger, DueMessageWriter, JobState, JobRun, CancellationToken)"/>).</summary>
    public static async Task<JobRun> OpenAndSendAsync(JobLedger ledger, DueMessageWriter writer, JobState job, DateTimeOffset occurrence, int attempt = 1,
        Guid? replayOf = null, CancellationToken cancellationToken = default)
    {
        var run = ledger.OpenRun(job, scheduledFor: occurrence, attempt);
        run.DueAt = run.CreatedAt;
        run.ReplayOf = replayOf;
        job.ActiveRuns++;
        await SendAsync(ledger, writer, job, run, cancellationToken);
        return run;
    }

    static Task SendAsync(BehaviorContext<JobState> context, JobRun run) =>
        SendAsync(context.GetServiceOrCreateInstance<JobLedger>(), context.GetServiceOrCreateInstance<DueMessageWriter>(), context.Saga, run,
            context.CancellationToken);

    /// <summary>Sends a run to its handler's queue: a message due now, written with the job's new state, so neither exists without the other.</summary>
    static async Task SendAsync(JobLedger ledger, DueMessageWriter writer, JobState job, JobRun run, CancellationToken cancellationToken)
    {
        job.CurrentRunId = run.Id;
        run.SentAt = ledger.Now;
        await writer.ScheduleOnceAsync(HandlerEndpoint.Address(job.Handler), run.SentAt.Value, Execution(job, run.Id, run.Attempt, run.ScheduledFor),
            WithPriority(job), cancellationToken);
    }

    /// <summary>
    /// True when a one-shot's occurrence may go to its handler straight from the due table (see <see cref="ArmAsync"/>):
    /// under <c>fireNow</c> a late occurrence runs anyway, so there is nothing for the saga to decide when it comes.
    /// </summary>
    public static bool CanArm(this JobState job) =>
        !job.IsRecurring() && (job.Misfire?.Policy ?? MisfireAction.FireNow) == MisfireAction.FireNow;

    /// <summary>
    /// Writes the one-shot's run ahead: <see cref="ExecuteJob"/> due at the job's instant, so the dispatcher sends it to
    /// the handler itself and the saga has one transaction fewer on the way. The run's record opens when the consumer
    /// first reports (<see cref="OpenArmedRun"/>); until then the job shows its next run as for any due message.
    /// </summary>
    public static async Task ArmAsync(DueMessageWriter writer, JobState job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(job);
        var due = job.NextRunAt ?? throw new InvalidOperationException($"Job {job.CorrelationId} has no instant to arm.");
        var runId = Guid.CreateVersion7(due);
        job.ArmedRunId = runId;
        job.DueTokenId = await writer.ScheduleOnceAsync(HandlerEndpoint.Address(job.Handler), due, Execution(job, runId, attempt: 1, due),
            WithPriority(job), cancellationToken);
    }

    /// <summary>
    /// Takes back the armed run before the job stops (cancel, pause, update, delete): while its message waits in the due
    /// table it goes with it; once the dispatcher has sent it, the run is out and is recorded as any other.
    /// </summary>
    public static async Task DisarmAsync(JobLedger ledger, DueMessageWriter writer, JobState job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(job);
        if (job.ArmedRunId is not { } runId)
            return;

        if (job.DueTokenId is { } token && await writer.CancelAsync(token, cancellationToken))
        {
            job.ArmedRunId = null;
            job.DueTokenId = null;
            return;
        }

        OpenArmedRun(ledger, job, runId, startedAt: null);
    }

    /// <summary>
    /// The armed run has left (its consumer reported, or the job stops after it was sent): the occurrence has fired,
    /// and the run's record opens as the saga would have opened it. A late start is noted as a <c>fireNow</c> misfire.
    /// </summary>
    static void OpenArmedRun(JobLedger ledger, JobState job, Guid runId, DateTimeOffset? startedAt)
    {
        if (job.ArmedRunId != runId)
            return;

        var occurrence = job.NextRunAt ?? ledger.Now;
        var run = ledger.OpenRun(job, occurrence, attempt: 1, id: runId);
        run.DueAt = occurrence;
        run.SentAt = occurrence;
        job.ArmedRunId = null;
        job.DueTokenId = null;
        job.LastOccurrenceAt = occurrence;
        job.NextRunAt = null;
        job.ActiveRuns++;
        job.CurrentRunId = runId;
        job.UpdatedAt = ledger.Now;

        if (startedAt is { } started && started - occurrence > (job.Misfire?.GraceTime ?? JobTiming.DefaultGraceTime))
        {
            var status = CurrentStatus(job);
            ledger.Record(job, "misfire", SchedulerActor, status, status,
                detail: $"fireNow: late occurrence runs now (started {DueHeaders.Format(started)} for {DueHeaders.Format(occurrence)})");
        }
    }

    static ExecuteJob Execution(JobState job, Guid runId, int attempt, DateTimeOffset scheduledFor) => new()
    {
        JobId = job.CorrelationId,
        RunId = runId,
        TenantId = job.TenantId,
        Handler = job.Handler,
        Name = job.Name,
        Payload = job.Payload,
        Attempt = attempt,
        ScheduledFor = scheduledFor,
        Timeout = job.Timeout,
    };

    static IPipe<SendContext<ExecuteJob>> WithPriority(JobState job)
    {
        var priority = HandlerEndpoint.Priority(job.Priority).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Pipe.Execute<SendContext<ExecuteJob>>(send => send.Headers.Set(DueHeaders.Priority, priority));
    }

    /// <summary>Opens the next attempt of a failed run's occurrence, due after the backoff, and schedules its sending through the saga.</summary>
    static async Task<JobRun> ScheduleRetryAsync(BehaviorContext<JobState> context, JobRun failed, TimeSpan backoff, DateTimeOffset failedAt)
    {
        var ledger = context.GetServiceOrCreateInstance<JobLedger>();
        var job = context.Saga;
        var retry = ledger.OpenRun(job, failed.ScheduledFor, failed.Attempt + 1);

        // The backoff counts from the failure the consumer reported, so the spacing of attempts is the policy's.
        retry.DueAt = failedAt + backoff;
        retry.ReplayOf = failed.ReplayOf;
        job.CurrentRunId = retry.Id;
        job.RunCount++;
        job.LastRunAt = Latest(job.LastRunAt, failed.StartedAt);
        job.UpdatedAt = ledger.Now;

        await context.GetServiceOrCreateInstance<DueMessageWriter>().ScheduleOnceAsync(context.ReceiveContext.InputAddress, retry.DueAt.Value,
            new JobRetryDue { JobId = job.CorrelationId, RunId = retry.Id }, cancellationToken: context.CancellationToken);
        return retry;
    }

    /// <summary>Gives up on every run of the job still out: each is recorded failed and its consumer told to stop.</summary>
    static async Task AbandonActiveRunsAsync(BehaviorContext<JobState> context, string reason)
    {
        var ledger = context.GetServiceOrCreateInstance<JobLedger>();
        var job = context.Saga;
        foreach (var run in await ledger.UnfinishedRunsAsync(job.CorrelationId, context.CancellationToken))
        {
            run.Status = RunStatus.Failed;
            run.CompletedAt = ledger.Now;
            run.ErrorCategory = ErrorCategory.Permanent;
            run.ErrorMessage = $"Abandoned: {reason}";
            job.FailureCount++;
            FinishOccurrence(job, run, ledger.Now);
            var status = CurrentStatus(job);
            ledger.Record(job, "runAbandoned", SchedulerActor, status, status, run.Id, $"attempt {run.Attempt} {reason}");
            await context.Publish(new JobRunAbandoned { JobId = job.CorrelationId, RunId = run.Id, Reason = reason });
        }
    }

    /// <summary>
    /// Loads the run an outcome reports on. An outcome for a run already ended (a timed-out handler completing late, a
    /// redelivery) is recorded and changes nothing: null. An outcome can overtake its run's started event (they are
    /// handled concurrently); it proves the run started, so the trail records the start first and stays in order.
    /// Returns the run and the status the outcome moves the job from.
    /// </summary>
    static async Task<(JobRun? Run, JobStatus From)> OpenOutcomeAsync(BehaviorContext<JobState> context, Guid runId, Guid jobId, int attempt,
        string? host, DateTimeOffset? startedAt, string outcome)
    {
        var ledger = context.GetServiceOrCreateInstance<JobLedger>();
        var job = context.Saga;
        OpenArmedRun(ledger, job, runId, startedAt);
        var status = CurrentStatus(job);
        var run = await ledger.FindRunAsync(runId, jobId, context.CancellationToken);
        if (run is null)
            return (null, status);

        if (run.IsFinished)
        {
            ledger.Record(job, "lateOutcome", JobLedger.ConsumerActor(host), status, status, runId,
                $"attempt {attempt} {outcome} after the run had ended {run.Status.ToWireName()}; nothing changes");
            return (null, status);
        }

        if (run.Status != RunStatus.Pending)
            return (run, status);

        var to = status is JobStatus.Paused or JobStatus.Cancelled ? status : JobStatus.Running;
        ledger.Record(job, "runStarted", JobLedger.ConsumerActor(host), status, to, runId, $"attempt {attempt} (reported with its outcome)");
        return (run, to);
    }

    /// <summary>An occurrence has ended with <paramref name="run"/>: its slot is free.</summary>
    static void FinishOccurrence(JobState job, JobRun run, DateTimeOffset now)
    {
        job.RunCount++;
        job.ActiveRuns = Math.Max(0, job.ActiveRuns - 1);
        job.LastRunAt = Latest(job.LastRunAt, run.StartedAt);
        job.LastRunStatus = run.Status;
        if (job.CurrentRunId == run.Id)
            job.CurrentRunId = null;
        job.UpdatedAt = now;
    }

    static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}

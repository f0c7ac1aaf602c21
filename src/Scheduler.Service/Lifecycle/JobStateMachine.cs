using System.Linq.Expressions;
using MassTransit;
using Scheduler.Contracts;
using Scheduler.Service.Scheduling.Delivery;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// The life of one job, keyed by its id. A job is scheduled until an occurrence is due, running while a run is
/// out (a failed run waiting for its retry included), and then completed (or faulted when its last occurrence failed
/// for good) — unless it recurs, when it is scheduled again for its next occurrence. Every transition writes an audit entry. Run events may arrive in any order (a consumer
/// publishes started and finished close together), so each carries what the saga needs on its own.
/// </summary>
public sealed class JobStateMachine : MassTransitStateMachine<JobState>
{
    public JobStateMachine(ScheduleJobValidator validator)
    {
        // Persisted as indexes (see JobStatus): append new states at the end, never reorder.
        InstanceState(x => x.CurrentState, Scheduled, Running, Completed, Faulted, Cancelled, Paused);

        Event(() => ScheduleRequested, x => x.CorrelateById(m => m.Message.JobId));
        JobCommand(() => CancelRequested, m => m.JobId);
        JobCommand(() => PauseRequested, m => m.JobId);
        JobCommand(() => ResumeRequested, m => m.JobId);
        JobCommand(() => TriggerRequested, m => m.JobId);
        JobCommand(() => UpdateRequested, m => m.JobId);
        JobCommand(() => DeleteRequested, m => m.JobId);
        JobCommand(() => ReplayRequested, m => m.JobId);
        JobEvent(() => OccurrenceDue, m => m.JobId);
        JobEvent(() => RetryDue, m => m.JobId);
        JobEvent(() => RunStarted, m => m.JobId);
        JobEvent(() => RunSucceeded, m => m.JobId);
        JobEvent(() => RunFailed, m => m.JobId);
        Schedule(() => Due, x => x.DueTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.JobId));

        Initially(
            When(ScheduleRequested)
                .IfElseAsync(context => context.HasUsedIdempotencyKeyAsync(),
                    duplicate => duplicate
                        .ReplyWithKeyedJob()
                        .Finalize(),
                    fresh => fresh.IfElse(context => validator.ValidateOnBus(context.Message, context.GetServiceOrCreateInstance<TimeProvider>()).Count == 0,
                        accepted => accepted
                            .AcceptJob()
                            .TransitionTo(Scheduled)
                            .IfElse(context => context.Saga.IsRecurring(),
                                recurring => recurring.ScheduleRecurrence(),
                                once => once.IfElse(context => context.Saga.NextRunAt > context.GetServiceOrCreateInstance<JobLedger>().Now,
                                    later => ScheduleOneShot(later),
                                    now => now.RunNow()))
                            .ReplyScheduled(created: true),
                        rejected => rejected
                            .ReplyRejected(validator)
                            .Finalize())));

        During(Scheduled,
            When(Due.Received).RunOccurrence(),
            When(OccurrenceDue).RunOccurrence(),
            When(RunStarted).IfAsync(context => context.IsPendingRunAsync(),
                pending => pending.StartRun(to: Running).TransitionTo(Running)));

        During(Running,
            When(Due.Received).RunOccurrence(),
            When(OccurrenceDue).RunOccurrence(),
            When(RunStarted).IfAsync(context => context.IsPendingRunAsync(),
                pending => pending.StartRun(to: Running)));

        During(Scheduled, Running, Completed, Faulted,
            SettleAfterRun(When(RunSucceeded).SucceedRun()),
            SettleAfterRun(When(RunFailed).FailRun()),
            When(TriggerRequested).TriggerRun()
                .If(context => context.Saga.ActiveRuns > 0 && JobStatusNames.FromState(context.Saga.CurrentState) is JobStatus.Completed or JobStatus.Faulted,
                    rerun => rerun.TransitionTo(Scheduled)),
            When(ReplayRequested).ReplayDeadLetter()
                .If(context => context.Saga.ActiveRuns > 0 && JobStatusNames.FromState(context.Saga.CurrentState) is JobStatus.Completed or JobStatus.Faulted,
                    rerun => rerun.TransitionTo(Scheduled)));

        // A new definition takes effect at once: the old schedule's pending occurrences go, the new one starts from now.
        During(Scheduled, Running, Completed, Faulted,
            When(UpdateRequested)
                .IfElse(context => validator.ValidateOnBus(context.Message.AsScheduleJob(context.Saga), context.GetServiceOrCreateInstance<TimeProvider>()).Count == 0,
                    valid => valid
                        .CancelSchedules(Due)
                        .ApplyUpdate()
                        .IfElse(context => context.Saga.IsRecurring(),
                            recurring => recurring.ScheduleRecurrence(),
                            once => once.IfElse(context => context.Saga.NextRunAt > context.GetServiceOrCreateInstance<JobLedger>().Now,
                                later => ScheduleOneShot(later),
                                now => now.RunNow()))
                        .If(context => JobStatusNames.FromState(context.Saga.CurrentState) is JobStatus.Completed or JobStatus.Faulted,
                            rerun => rerun.TransitionTo(Scheduled))
                        .ReplyUpdated(),
                    invalid => invalid.ReplyUpdateRejected(validator)));

        // Paused, the new schedule is stored paused: resume starts it.
        During(Paused,
            When(UpdateRequested)
                .IfElse(context => validator.ValidateOnBus(context.Message.AsScheduleJob(context.Saga), context.GetServiceOrCreateInstance<TimeProvider>()).Count == 0,
                    valid => valid
                        .CancelSchedules(Due)
                        .ApplyUpdate()
                        .If(context => context.Saga.IsRecurring(),
                            recurring => recurring.ScheduleRecurrence(paused: true))
                        .ReplyUpdated(),
                    invalid => invalid.ReplyUpdateRejected(validator)));

        During(Scheduled, Running, Paused,
            When(DeleteRequested)
                .CancelSchedules(Due)
                .RecordDeleted(to: Cancelled)
                .TransitionTo(Cancelled)
                .ReplyDeleted());

        During(Completed, Faulted, Cancelled,
            When(DeleteRequested)
                .RecordDeleted(to: null)
                .ReplyDeleted());

        During(Cancelled,
            When(UpdateRequested).RejectCommand("it is cancelled"));

        During(Scheduled, Running,
            When(CancelRequested)
                .CancelSchedules(Due)
                .RecordCancelled(to: Cancelled)
                .TransitionTo(Cancelled)
                .ReplyCancelled());

        During(Scheduled, Running,
            When(PauseRequested)
                .PauseSchedules(Due)
                .RecordPaused(to: Paused)
                .TransitionTo(Paused)
                .ReplyPaused(),
            When(ResumeRequested).ReplyResumed());

        // Runs already out when the job was paused finish and are recorded, retries included; the job stays paused.
        During(Paused,
            When(PauseRequested).ReplyPaused(),
            When(ResumeRequested)
                .ResumeSchedules()
                .IfElse(context => context.Saga.IsRecurring() || context.Saga.NextRunAt is null,
                    done => done,
                    once => once.IfElse(context => context.Saga.NextRunAt > context.GetServiceOrCreateInstance<JobLedger>().Now,
                        later => ScheduleOneShot(later),
                        overdue => overdue.RunOverdueOccurrence()))
                .RecordResumed()
                .IfElse(context => JobLifecycleActivities.StatusOnResume(context.Saga) == JobStatus.Running,
                    running => running.TransitionTo(Running),
                    idle => idle.IfElse(context => JobLifecycleActivities.StatusOnResume(context.Saga) == JobStatus.Scheduled,
                        scheduled => scheduled.TransitionTo(Scheduled),
                        finished => finished.IfElse(context => JobLifecycleActivities.StatusOnResume(context.Saga) == JobStatus.Faulted,
                            faulted => faulted.TransitionTo(Faulted),
                            completed => completed.TransitionTo(Completed))))
                .ReplyResumed(),
            When(CancelRequested)
                .CancelSchedules(Due)
                .RecordCancelled(to: Cancelled)
                .TransitionTo(Cancelled)
                .ReplyCancelled(),
            When(TriggerRequested).RejectCommand("it is paused"),
            When(ReplayRequested).RejectCommand("it is paused"),
            When(RunStarted).IfAsync(context => context.IsPendingRunAsync(), pending => pending.StartRun(to: Paused)),
            When(RunSucceeded).SucceedRun(),
            When(RunFailed).FailRun(),
            Ignore(Due.Received),
            Ignore(OccurrenceDue));

        During(Completed, Faulted, Cancelled,
            When(PauseRequested).RejectCommand("it has finished"),
            When(ResumeRequested).RejectCommand("it has finished"),
            Ignore(Due.Received),
            Ignore(OccurrenceDue),
            Ignore(RunStarted),
            When(CancelRequested).ReplyCancelled());

        // A run that was out when the job was cancelled still reports: keep its record, leave the job cancelled.
        During(Cancelled,
            When(TriggerRequested).RejectCommand("it is cancelled"),
            When(ReplayRequested).RejectCommand("it is cancelled"),
            When(RunSucceeded).SucceedRun(),
            When(RunFailed).FailRun());

        // A retry waits in the due table whatever happens to the job meanwhile; the activity decides when it comes.
        DuringAny(
            When(RetryDue).SendRetry());

        // The same job id again (a redelivery, or a client retrying): answer with the stored job and change nothing.
        DuringAny(
            When(ScheduleRequested).ReplyScheduled(created: false));

        SetCompletedWhenFinalized();
    }

    public State Scheduled { get; private set; } = null!;
    public State Running { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Faulted { get; private set; } = null!;
    public State Cancelled { get; private set; } = null!;
    public State Paused { get; private set; } = null!;

    public Event<ScheduleJob> ScheduleRequested { get; private set; } = null!;
    public Event<CancelJob> CancelRequested { get; private set; } = null!;
    public Event<PauseJob> PauseRequested { get; private set; } = null!;
    public Event<ResumeJob> ResumeRequested { get; private set; } = null!;
    public Event<TriggerJob> TriggerRequested { get; private set; } = null!;
    public Event<ReplayRun> ReplayRequested { get; private set; } = null!;
    public Event<UpdateJob> UpdateRequested { get; private set; } = null!;
    public Event<DeleteJob> DeleteRequested { get; private set; } = null!;
    public Event<JobOccurrenceDue> OccurrenceDue { get; private set; } = null!;
    public Event<JobRetryDue> RetryDue { get; private set; } = null!;
    public Event<JobRunStarted> RunStarted { get; private set; } = null!;
    public Event<JobRunSucceeded> RunSucceeded { get; private set; } = null!;
    public Event<JobRunFailed> RunFailed { get; private set; } = null!;

    /// <summary>The pending one-shot due message of a job scheduled for later.</summary>
    public Schedule<JobState, JobDue> Due { get; private set; } = null!;

    /// <summary>A command for one job, correlated by its id; for a job that does not exist the sender is answered <see cref="JobNotFound"/>.</summary>
    void JobCommand<T>(Expression<Func<Event<T>>> property, Func<T, Guid> jobId)
        where T : class =>
        Event(property, x =>
        {
            x.CorrelateById(m => jobId(m.Message));
            x.OnMissingInstance(m => m.ExecuteAsync(context => context.RespondAsync(new JobNotFound { JobId = jobId(context.Message) })));
        });

    /// <summary>An event about one job, correlated by its id; one about a job that no longer exists is dropped.</summary>
    void JobEvent<T>(Expression<Func<Event<T>>> property, Func<T, Guid> jobId)
        where T : class =>
        Event(property, x =>
        {
            x.CorrelateById(m => jobId(m.Message));
            x.OnMissingInstance(m => m.Discard());
        });

    /// <summary>
    /// A one-shot for later: its run armed in the due table when nothing needs deciding when it comes (see
    /// <see cref="RunActivities.CanArm"/>), otherwise the saga's own due message, which it handles under the misfire policy.
    /// </summary>
    EventActivityBinder<JobState, T> ScheduleOneShot<T>(EventActivityBinder<JobState, T> binder)
        where T : class =>
        binder.IfElse(context => context.Saga.CanArm(),
            armed => armed.ThenAsync(context =>
                RunActivities.ArmAsync(context.GetServiceOrCreateInstance<DueMessageWriter>(), context.Saga, context.CancellationToken)),
            due => due.Schedule(Due, context => new JobDue { JobId = context.Saga.CorrelationId },
                context => context.Saga.NextRunAt!.Value.UtcDateTime));

    /// <summary>Moves the job where <see cref="RunActivities.StatusAfterRun"/> says it belongs once a run has ended.</summary>
    EventActivityBinder<JobState, T> SettleAfterRun<T>(EventActivityBinder<JobState, T> binder)
        where T : class =>
        binder.IfElse(context => RunActivities.StatusAfterRun(context.Saga) == JobStatus.Running,
            running => running.TransitionTo(Running),
            idle => idle.IfElse(context => RunActivities.StatusAfterRun(context.Saga) == JobStatus.Scheduled,
                scheduled => scheduled.TransitionTo(Scheduled),
                finished => finished.IfElse(context => RunActivities.StatusAfterRun(context.Saga) == JobStatus.Faulted,
                    faulted => faulted.TransitionTo(Faulted),
                    completed => completed.TransitionTo(Completed))));
}

using System.Linq.Expressions;
using MassTransit;
using Scheduler.Contracts;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// The life of one job on the bus, keyed by its id. The machine only routes: every message about a job is an input
/// to <see cref="JobDecider"/>, which decides the job's new state, its runs and its effects (see
/// <see cref="JobDecisionActivity{TMessage}"/>). A job is scheduled until a run starts, running while runs are out,
/// paused on request, and completed (or faulted when its last occurrence failed for good) or cancelled at the end.
/// </summary>
public sealed class JobStateMachine : MassTransitStateMachine<JobState>
{
    public JobStateMachine()
    {
        // Persisted as indexes (see JobStatus): append new states at the end, never reorder.
        InstanceState(x => x.CurrentState, Scheduled, Running, Completed, Faulted, Cancelled, Paused, Disabled);

        Event(() => ScheduleRequested, x => x.CorrelateById(m => m.Message.JobId));
        JobCommand(() => CancelRequested, m => m.JobId);
        JobCommand(() => PauseRequested, m => m.JobId);
        JobCommand(() => ResumeRequested, m => m.JobId);
        JobCommand(() => DisableRequested, m => m.JobId);
        JobCommand(() => EnableRequested, m => m.JobId);
        JobCommand(() => TriggerRequested, m => m.JobId);
        JobCommand(() => UpdateRequested, m => m.JobId);
        JobCommand(() => DeleteRequested, m => m.JobId);
        JobCommand(() => ReplayRequested, m => m.JobId);
        JobCommand(() => RunCancelRequested, m => m.JobId);
        // Due messages come back to JobDueConsumer's queue, which records them in batches; those stored for this
        // queue before it existed still arrive here, and are decided by the same rules.
        JobEvent(() => OneShotDue, m => m.JobId);
        JobEvent(() => OccurrenceDue, m => m.JobId);
        JobEvent(() => RetryDue, m => m.JobId);
        JobEvent(() => RunStarted, m => m.JobId);
        JobEvent(() => RunSucceeded, m => m.JobId);
        JobEvent(() => RunFailed, m => m.JobId);

        Initially(
            Decide(When(ScheduleRequested)));

        During([Scheduled, Running, Completed, Faulted, Cancelled, Paused, Disabled],
            Decide(When(ScheduleRequested)),
            Decide(When(UpdateRequested)),
            Decide(When(TriggerRequested)),
            Decide(When(ReplayRequested)),
            Decide(When(RunCancelRequested)),
            Decide(When(PauseRequested)),
            Decide(When(ResumeRequested)),
            Decide(When(DisableRequested)),
            Decide(When(EnableRequested)),
            Decide(When(CancelRequested)),
            Decide(When(DeleteRequested)),
            Decide(When(OneShotDue)),
            Decide(When(OccurrenceDue)),
            Decide(When(RetryDue)),
            Decide(When(RunStarted)),
            Decide(When(RunSucceeded)),
            Decide(When(RunFailed)));

        SetCompletedWhenFinalized();
    }

    public State Scheduled { get; private set; } = null!;
    public State Running { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Faulted { get; private set; } = null!;
    public State Cancelled { get; private set; } = null!;
    public State Paused { get; private set; } = null!;
    public State Disabled { get; private set; } = null!;

    public Event<ScheduleJob> ScheduleRequested { get; private set; } = null!;
    public Event<CancelJob> CancelRequested { get; private set; } = null!;
    public Event<PauseJob> PauseRequested { get; private set; } = null!;
    public Event<ResumeJob> ResumeRequested { get; private set; } = null!;
    public Event<DisableJob> DisableRequested { get; private set; } = null!;
    public Event<EnableJob> EnableRequested { get; private set; } = null!;
    public Event<TriggerJob> TriggerRequested { get; private set; } = null!;
    public Event<ReplayRun> ReplayRequested { get; private set; } = null!;
    public Event<CancelRun> RunCancelRequested { get; private set; } = null!;
    public Event<UpdateJob> UpdateRequested { get; private set; } = null!;
    public Event<DeleteJob> DeleteRequested { get; private set; } = null!;
    public Event<JobDue> OneShotDue { get; private set; } = null!;
    public Event<JobOccurrenceDue> OccurrenceDue { get; private set; } = null!;
    public Event<JobRetryDue> RetryDue { get; private set; } = null!;
    public Event<JobRunStarted> RunStarted { get; private set; } = null!;
    public Event<JobRunSucceeded> RunSucceeded { get; private set; } = null!;
    public Event<JobRunFailed> RunFailed { get; private set; } = null!;

    static EventActivityBinder<JobState, T> Decide<T>(EventActivityBinder<JobState, T> binder)
        where T : class =>
        binder.Activity(x => x.OfType<JobDecisionActivity<T>>());

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
}

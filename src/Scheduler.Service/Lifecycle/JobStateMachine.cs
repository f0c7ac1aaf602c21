using MassTransit;
using Scheduler.Contracts;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// The life of one job, keyed by its id: scheduled → running → completed, or faulted when its run
/// fails. Every transition writes an audit entry. Run events may arrive in any order (a consumer
/// publishes started and finished close together), so each carries what the saga needs on its own.
/// </summary>
public sealed class JobStateMachine : MassTransitStateMachine<JobState>
{
    public JobStateMachine(ScheduleJobValidator validator)
    {
        // Persisted as indexes (see JobStatus): append new states at the end, never reorder.
        InstanceState(x => x.CurrentState, Scheduled, Running, Completed, Faulted);

        Event(() => ScheduleRequested, x => x.CorrelateById(m => m.Message.JobId));
        Event(() => RunStarted, x =>
        {
            x.CorrelateById(m => m.Message.JobId);
            x.OnMissingInstance(m => m.Discard());
        });
        Event(() => RunSucceeded, x =>
        {
            x.CorrelateById(m => m.Message.JobId);
            x.OnMissingInstance(m => m.Discard());
        });
        Event(() => RunFailed, x =>
        {
            x.CorrelateById(m => m.Message.JobId);
            x.OnMissingInstance(m => m.Discard());
        });

        Initially(
            When(ScheduleRequested)
                .IfElse(context => validator.Validate(context.Message, requireJobId: true).Count == 0,
                    accepted => accepted
                        .AcceptJob()
                        .TransitionTo(Scheduled)
                        .DispatchRun()
                        .ReplyScheduled(created: true),
                    rejected => rejected
                        .ReplyRejected(validator)
                        .Finalize()));

        During(Scheduled,
            When(RunStarted).StartRun(to: Running).TransitionTo(Running),
            When(RunSucceeded).SucceedRun(to: Completed).TransitionTo(Completed),
            When(RunFailed).FailRun(to: Faulted).TransitionTo(Faulted));

        During(Running,
            Ignore(RunStarted),
            When(RunSucceeded).SucceedRun(to: Completed).TransitionTo(Completed),
            When(RunFailed).FailRun(to: Faulted).TransitionTo(Faulted));

        During(Completed, Faulted,
            Ignore(RunStarted),
            Ignore(RunSucceeded),
            Ignore(RunFailed));

        // The same job id again (a redelivery, or a client retrying): answer with the stored job and change nothing.
        DuringAny(
            When(ScheduleRequested).ReplyScheduled(created: false));

        SetCompletedWhenFinalized();
    }

    public State Scheduled { get; private set; } = null!;
    public State Running { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Faulted { get; private set; } = null!;

    public Event<ScheduleJob> ScheduleRequested { get; private set; } = null!;
    public Event<JobRunStarted> RunStarted { get; private set; } = null!;
    public Event<JobRunSucceeded> RunSucceeded { get; private set; } = null!;
    public Event<JobRunFailed> RunFailed { get; private set; } = null!;
}

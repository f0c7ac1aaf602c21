using MassTransit;
using Scheduler.Service.Lifecycle;

namespace Scheduler.IntegrationTests.Persistence;

/// <summary>
/// A state machine over <see cref="JobState"/> whose every event increments the run count: a lost update
/// shows as a count lower than the number of events.
/// </summary>
public sealed class RunCounterStateMachine : MassTransitStateMachine<JobState>
{
    public RunCounterStateMachine()
    {
        InstanceState(x => x.CurrentState, Counting);
        Event(() => Counted, x => x.CorrelateById(m => m.Message.JobId));

        Initially(When(Counted).Then(context => context.Saga.RunCount++).TransitionTo(Counting));
        During(Counting, When(Counted).Then(context => context.Saga.RunCount++));
    }

    public State Counting { get; private set; } = null!;
    public Event<RunCounted> Counted { get; private set; } = null!;
}

/// <summary>An event for <see cref="RunCounterStateMachine"/>.</summary>
public sealed record RunCounted(Guid JobId);

using MassTransit;
using Scheduler.Service.Telemetry;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// What every transition of <see cref="JobStateMachine"/> does: asks <see cref="JobDecider"/> (through
/// <see cref="JobTransition"/>) what the message does to the job, and moves the machine to the state it decided.
/// </summary>
public sealed class JobDecisionActivity<TMessage>(JobTransition transition, JobInputs inputs, JobStateMachine machine, SchedulerMetrics metrics)
    : IStateMachineActivity<JobState, TMessage>
    where TMessage : class
{
    public void Probe(ProbeContext context) => context.CreateScope("job-decision");

    public void Accept(StateMachineVisitor visitor) => visitor.Visit(this);

    public async Task Execute(BehaviorContext<JobState, TMessage> context, IBehavior<JobState, TMessage> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        // A job the machine is creating is no job yet: the decider creates it, or answers why not.
        var job = JobStatusNames.FromState(context.Saga.CurrentState) is null ? null : context.Saga;
        var decision = await transition.ApplyAsync(job, inputs.From(context, context.Message, job), JobTransition.SeedOf(context),
            JobDueDefinition.AddressOn(context.ReceiveContext.InputAddress), context.CancellationToken);
        if (decision.Status is { } status)
        {
            // The machine moves itself, so that its own bookkeeping of states stays right.
            var state = context.Saga.CurrentState;
            context.Saga.CopyFrom(decision.Job);
            context.Saga.CurrentState = state;
            await context.TransitionToState(machine.GetState(status.ToString()));
        }
        else
        {
            await context.TransitionToState(machine.Final);
        }

        await JobMessages.SendAsync(context, decision, metrics);
        await next.Execute(context);
    }

    public Task Faulted<TException>(BehaviorExceptionContext<JobState, TMessage, TException> context, IBehavior<JobState, TMessage> next)
        where TException : Exception =>
        next.Faulted(context);
}

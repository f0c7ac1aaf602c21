using MassTransit;
using Scheduler.Contracts;
using Scheduler.Service.Scheduling.Delivery;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Lifecycle;

/// <summary>Translates the messages about a job into <see cref="JobInput"/>s; a definition is validated here, once.</summary>
public sealed class JobInputs(ScheduleJobValidator validator, TimeProvider clock)
{
    public JobInput From(ConsumeContext context, object message, JobState? job)
    {
        ArgumentNullException.ThrowIfNull(context);
        return message switch
        {
            ScheduleJob command => job is null ? Schedule(context, command) : new JobInput.Schedule(command, [], JobActor.Of(context)),
            UpdateJob command => new JobInput.Update(command,
                job is null ? [] : validator.ValidateOnBus(JobDefinition.Of(command, job), clock), JobActor.Of(context)),
            JobDue => new JobInput.OneShotDue(context.Headers.Get<Guid>(MessageHeaders.SchedulingTokenId),
                DueHeaders.ReadInstant(context.Headers, DueHeaders.Occurrence), DueHeaders.ReadInstant(context.Headers, DueHeaders.SentAt)),
            JobOccurrenceDue => new JobInput.OccurrenceDue(DueHeaders.ReadInstant(context.Headers, DueHeaders.Occurrence),
                DueHeaders.ReadInstant(context.Headers, DueHeaders.SentAt), DueHeaders.ReadMissed(context.Headers)),
            JobRetryDue due => new JobInput.RetryDue(due.RunId),
            JobRunStarted started => new JobInput.RunStarted(started),
            JobRunSucceeded succeeded => new JobInput.RunSucceeded(succeeded),
            JobRunFailed failed => new JobInput.RunFailed(failed),
            TriggerJob command => new JobInput.Trigger(command.Reason, JobActor.Of(context)),
            ReplayRun command => new JobInput.Replay(command.RunId, JobActor.Of(context)),
            CancelRun command => new JobInput.CancelRun(command.RunId, command.Reason, JobActor.Of(context)),
            PauseJob command => new JobInput.Pause(command.Reason, JobActor.Of(context), command.Until),
            JobPauseEnds => new JobInput.PauseEnds(context.Headers.Get<Guid>(MessageHeaders.SchedulingTokenId)),
            DisableJob command => new JobInput.Disable(command.Reason, JobActor.Of(context)),
            EnableJob command => new JobInput.Enable(command.Reason, JobActor.Of(context)),
            ResumeJob command => new JobInput.Resumption(command.Reason, JobActor.Of(context)),
            CancelJob command => new JobInput.Cancel(command.Reason, JobActor.Of(context)),
            DeleteJob command => new JobInput.Delete(command.Reason, JobActor.Of(context)),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message, "A message about a job that has no input."),
        };
    }

    /// <summary>A new job's command, validated.</summary>
    public JobInput.Schedule Schedule(ConsumeContext context, ScheduleJob command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new JobInput.Schedule(command, validator.ValidateOnBus(command, clock), JobActor.Of(context));
    }
}

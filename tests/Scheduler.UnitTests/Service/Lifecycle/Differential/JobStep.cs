using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Validation;

namespace Scheduler.UnitTests.Service.Lifecycle.Differential;

/// <summary>
/// One input of a generated sequence, as the bus carries it: the message, its id (the seed of the decision's ids and
/// jitter on either path), who sent it, and the due headers a due message comes with.
/// </summary>
public sealed record JobStep(Guid JobId, object Message, Guid MessageId, string Actor)
{
    public Guid? Token { get; init; }
    public DateTimeOffset? Occurrence { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public IReadOnlyList<DateTimeOffset> Missed { get; init; } = [];

    /// <summary>What <see cref="JobInputs"/> makes of the message and its headers on the bus, for the job as stored.</summary>
    public JobInput ToInput(JobState? job, ScheduleJobValidator validator, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(validator);
        return Message switch
        {
            ScheduleJob command => new JobInput.Schedule(command, job is null ? validator.ValidateOnBus(command, clock) : [], Actor),
            UpdateJob command => new JobInput.Update(command, job is null ? [] : validator.ValidateOnBus(JobDefinition.Of(command, job), clock), Actor),
            JobDue => new JobInput.OneShotDue(Token, Occurrence, SentAt),
            JobOccurrenceDue => new JobInput.OccurrenceDue(Occurrence, SentAt, Missed),
            JobRetryDue due => new JobInput.RetryDue(due.RunId),
            JobRunStarted started => new JobInput.RunStarted(started),
            JobRunSucceeded succeeded => new JobInput.RunSucceeded(succeeded),
            JobRunFailed failed => new JobInput.RunFailed(failed),
            TriggerJob command => new JobInput.Trigger(command.Reason, Actor),
            ReplayRun command => new JobInput.Replay(command.RunId, Actor),
            PauseJob command => new JobInput.Pause(command.Reason, Actor),
            ResumeJob command => new JobInput.Resumption(command.Reason, Actor),
            CancelJob command => new JobInput.Cancel(command.Reason, Actor),
            DeleteJob command => new JobInput.Delete(command.Reason, Actor),
            _ => throw new ArgumentOutOfRangeException(nameof(job), Message, "A message the differential test does not send."),
        };
    }

    public override string ToString() =>
        $"{Message.GetType().Name} {System.Text.Json.JsonSerializer.Serialize(Message, Message.GetType())}"
        + (Token is null && Occurrence is null ? "" : $" token={Token} occurrence={Occurrence:O} sentAt={SentAt:O} missed={Missed.Count}");
}

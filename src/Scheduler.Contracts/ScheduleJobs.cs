namespace Scheduler.Contracts;

/// <summary>
/// Command: schedule many jobs in one message (as <c>urn:message:Scheduler.Contracts:ScheduleJobs</c>). Each job is
/// validated and decided on its own, exactly as a <see cref="ScheduleJob"/> of its own would be, and the new ones are
/// stored together; the scheduler answers with one <see cref="JobsScheduled"/> (sent to the requester, or published
/// when the sender does not wait for an answer).
/// </summary>
public sealed record ScheduleJobs
{
    /// <summary>The most jobs one message may carry; a message with more has every job rejected.</summary>
    public const int MaxJobs = 1000;

    /// <summary>The jobs, each with its job id; handled in this order, as if each were sent after the one before it.</summary>
    public IReadOnlyList<ScheduleJob?> Jobs { get; init; } = [];
}

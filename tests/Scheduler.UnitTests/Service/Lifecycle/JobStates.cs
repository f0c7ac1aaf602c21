using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// One job definition in each state the decision tests start from, as the decider would have left it, at a fixed
/// instant (<see cref="Now"/>). A recurring job (<see cref="EveryMinute"/>) created an hour ago whose occurrence of
/// <see cref="Now"/> is due, or a one-shot (<see cref="OneShotAt"/>) for an instant that was later when it was created.
/// </summary>
public sealed class JobStates
{
    public static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Created = Now.AddHours(-1);
    public static readonly Guid JobId = Guid.Parse("0190f0aa-0000-7000-8000-00000000a001");
    public static readonly Guid Seed = Guid.Parse("5eed5eed-0000-4000-8000-000000000001");

    /// <summary>The token of the one-shot's pending due message.</summary>
    public static readonly Guid DueToken = Guid.Parse("0190f0aa-0000-7000-8000-00000000d001");

    /// <summary>The run a job has out (or had last), which run events and retries name.</summary>
    public static readonly Guid RunId = Guid.Parse("0190f0aa-0000-7000-8000-00000000b001");

    readonly ScheduleJob _definition;

    JobStates(ScheduleJob definition) => _definition = definition;

    /// <summary><c>every PT1M</c>, created an hour before <see cref="Now"/>.</summary>
    public static JobStates EveryMinute { get; } = new(Definition(new JobSchedule { Every = TimeSpan.FromMinutes(1) }));

    /// <summary>A one-shot <c>at</c> <paramref name="at"/> (later than its creation) under <paramref name="misfire"/>.</summary>
    public static JobStates OneShotAt(DateTimeOffset at, MisfireAction? misfire = null) =>
        new(Definition(new JobSchedule { At = at }) with { Misfire = misfire is null ? null : new MisfirePolicy { Policy = misfire } });

    /// <summary>The same job with another concurrency or retry policy.</summary>
    public JobStates With(ConcurrencyPolicy? concurrency = null, RetryPolicy? retry = null) =>
        new(_definition with { Concurrency = concurrency ?? _definition.Concurrency, Retry = retry ?? _definition.Retry });

    public ScheduleJob Definition() => _definition;

    public static ScheduleJob Definition(JobSchedule schedule) =>
        new() { JobId = JobId, Name = "sync ledgers", Handler = "noop", Schedule = schedule };

    public bool IsRecurring => _definition.Schedule.IsRecurring();

    /// <summary>The instant of its next occurrence: a recurring job's is <see cref="Now"/>, a one-shot's its <c>at</c>.</summary>
    public DateTimeOffset NextOccurrence => _definition.Schedule?.At ?? Now;

    /// <summary>Nothing out, its next occurrence to come: a one-shot waits for its due message (armed under <c>fireNow</c>).</summary>
    public JobState Scheduled()
    {
        var job = Base(JobStatus.Scheduled);
        if (!IsRecurring)
        {
            job.DueTokenId = DueToken;
            if ((_definition.Misfire?.Policy ?? MisfireAction.FireNow) == MisfireAction.FireNow)
                job.ArmedRunId = RunId;
        }

        return job;
    }

    /// <summary>
    /// <paramref name="activeRuns"/> runs out, <see cref="RunId"/> the latest: a recurring job's next occurrence is
    /// still to come, a one-shot's occurrence is the one out.
    /// </summary>
    public JobState Running(int activeRuns = 1)
    {
        var job = Base(JobStatus.Running);
        job.ActiveRuns = activeRuns;
        job.CurrentRunId = RunId;
        if (!IsRecurring)
            TakeOccurrence(job);
        return job;
    }

    /// <summary>Its last occurrence succeeded and none is to come (a recurring schedule that has ended).</summary>
    public JobState Completed() => Finished(JobStatus.Completed, RunStatus.Succeeded);

    /// <summary>Its last occurrence failed for good and none is to come.</summary>
    public JobState Faulted() => Finished(JobStatus.Faulted, RunStatus.Faulted);

    /// <summary>Cancelled with <paramref name="activeRuns"/> runs still out.</summary>
    public JobState Cancelled(int activeRuns = 0)
    {
        var job = Base(JobStatus.Cancelled);
        job.NextRunAt = null;
        job.ActiveRuns = activeRuns;
        job.CurrentRunId = activeRuns > 0 ? RunId : null;
        return job;
    }

    /// <summary>Deleted: cancelled and hidden, its history kept.</summary>
    public JobState Deleted()
    {
        var job = Cancelled();
        job.DeletedAt = Now.AddMinutes(-5);
        return job;
    }

    /// <summary>Paused with <paramref name="activeRuns"/> runs still out; its next occurrence waits for the resume.</summary>
    public JobState Paused(int activeRuns = 0)
    {
        var job = Base(JobStatus.Paused);
        job.ActiveRuns = activeRuns;
        job.CurrentRunId = activeRuns > 0 ? RunId : null;
        return job;
    }

    JobState Finished(JobStatus status, RunStatus last)
    {
        var job = Base(status);
        job.LastRunStatus = last;
        if (IsRecurring)
            job.Schedule = job.Schedule! with { EndAt = Now };
        else
            TakeOccurrence(job);
        job.NextRunAt = null;
        return job;
    }

    void TakeOccurrence(JobState job)
    {
        job.LastOccurrenceAt = NextOccurrence;
        job.NextRunAt = null;
    }

    JobState Base(JobStatus status)
    {
        var job = new JobState { CorrelationId = JobId, CurrentState = (int)status, CreatedAt = Created };
        JobDefinition.Apply(job, _definition, Created);
        job.UpdatedAt = Created;
        job.NextRunAt = NextOccurrence;
        if (IsRecurring)
        {
            job.LastOccurrenceAt = Now.AddMinutes(-1);
            job.LastRunAt = Now.AddMinutes(-1);
            job.LastRunStatus = RunStatus.Succeeded;
            job.RunCount = 59;
        }

        return job;
    }
}

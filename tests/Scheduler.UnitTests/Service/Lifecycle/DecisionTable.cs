using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// The rows of the decision tables by name: a state (the job as <see cref="JobStates"/> builds it, with the run its
/// run events name, as the store holds it) and an input (with what the store knows about it), decided at
/// <see cref="JobStates.Now"/>.
/// </summary>
public static class DecisionTable
{
    public const string Actor = "api";

    static readonly Dictionary<string, Func<JobStates, (JobState? Job, JobRun? Run)>> States = new()
    {
        ["none"] = _ => (null, null),
        ["scheduled"] = s => (s.Scheduled(), JobRuns.Run(RunStatus.Succeeded)),
        ["scheduled, run sent"] = s => (Sent(s.Scheduled()), JobRuns.Run(RunStatus.Pending)),
        ["running"] = s => (s.Running(), JobRuns.Run(RunStatus.Running)),
        ["running, retry waiting"] = s => (s.Running(), JobRuns.RetryWaiting()),
        ["completed"] = s => (s.Completed(), JobRuns.Run(RunStatus.Succeeded)),
        ["faulted"] = s => (s.Faulted(), JobRuns.Run(RunStatus.Faulted, attempt: 3)),
        ["cancelled"] = s => (s.Cancelled(), JobRuns.Run(RunStatus.Succeeded)),
        ["cancelled, run out"] = s => (s.Cancelled(activeRuns: 1), JobRuns.Run(RunStatus.Running)),
        ["cancelled, retry waiting"] = s => (s.Cancelled(activeRuns: 1), JobRuns.RetryWaiting()),
        ["deleted"] = s => (s.Deleted(), JobRuns.Run(RunStatus.Succeeded)),
        ["deleted, completed"] = s => (Deleted(s.Completed()), JobRuns.Run(RunStatus.Faulted, attempt: 3)),
        ["paused"] = s => (s.Paused(), JobRuns.Run(RunStatus.Succeeded)),
        ["paused, run out"] = s => (s.Paused(activeRuns: 1), JobRuns.Run(RunStatus.Running)),
        ["paused, retry waiting"] = s => (s.Paused(activeRuns: 1), JobRuns.RetryWaiting()),
    };

    public static IEnumerable<string> StateNames => States.Keys;

    public static IReadOnlyList<string> InputNames { get; } =
    [
        "schedule", "schedule invalid", "schedule keyed", "update", "update invalid", "oneShotDue", "oneShotDue stale", "occurrenceDue",
        "retryDue", "runStarted", "runSucceeded", "runFailed retried", "runFailed faulted", "trigger", "replay", "pause", "resume",
        "cancel", "delete", "purge",
    ];

    /// <summary>The job in <paramref name="state"/>, the input named <paramref name="input"/> and what the store knows about it.</summary>
    public static (JobState? Job, JobInput Input, JobFacts Facts) Case(JobStates states, string state, string input)
    {
        ArgumentNullException.ThrowIfNull(states);
        var (job, run) = States[state](states);
        var (decided, facts) = Input(states, input, run, job is null);
        return (job, decided, facts);
    }

    public static DecisionGrounds Grounds() => new(JobStates.Now, JobStates.Seed);

    public static JobDecision Decide(JobStates states, string state, string input)
    {
        var (job, decided, facts) = Case(states, state, input);
        return JobDecider.Decide(job, decided, facts, Grounds());
    }

    /// <summary>Decides the row and asserts its status (also as the job's stored state) and its effects.</summary>
    public static void AssertRow(JobStates states, string state, string input, JobStatus? status, string effects)
    {
        var decision = Decide(states, state, input);

        Assert.Equal(status, decision.Status);
        Assert.Equal(effects, EffectSummary.Of(decision));
        if (status is { } decided)
            Assert.Equal((int)decided, decision.Job.CurrentState);
    }

    static (JobInput Input, JobFacts Facts) Input(JobStates states, string input, JobRun? run, bool noJob)
    {
        var known = new JobFacts { Run = run };
        var now = JobStates.Now;
        return input switch
        {
            "schedule" => (new JobInput.Schedule(states.Definition(), [], Actor), JobFacts.None),
            "schedule invalid" => (new JobInput.Schedule(states.Definition() with { Handler = "nope" }, [UnknownHandler], Actor), JobFacts.None),
            "schedule keyed" => (new JobInput.Schedule(states.Definition() with { IdempotencyKey = "ledgers-1" }, [], Actor),
                noJob ? new JobFacts { KeyedJob = KeyedJob() } : JobFacts.None),
            "update" => (new JobInput.Update(Update(states), [], Actor), JobFacts.None),
            "update invalid" => (new JobInput.Update(Update(states) with { Handler = "nope" }, [UnknownHandler], Actor), JobFacts.None),
            "oneShotDue" => (new JobInput.OneShotDue(JobStates.DueToken, states.NextOccurrence, now), JobFacts.None),
            "oneShotDue stale" => (new JobInput.OneShotDue(Guid.Parse("0190f0aa-0000-7000-8000-00000000d0ff"), states.NextOccurrence, now),
                JobFacts.None),
            "occurrenceDue" => (new JobInput.OccurrenceDue(now, now, []), JobFacts.None),
            "retryDue" => (new JobInput.RetryDue(JobStates.RunId), known),
            "runStarted" => (new JobInput.RunStarted(JobRuns.Started(run ?? JobRuns.Run(RunStatus.Pending))), known),
            "runSucceeded" => (new JobInput.RunSucceeded(JobRuns.Succeeded(run ?? JobRuns.Run(RunStatus.Running))), known),
            "runFailed retried" => (new JobInput.RunFailed(JobRuns.Failed(run ?? JobRuns.Run(RunStatus.Running), ErrorCategory.Transient)), known),
            "runFailed faulted" => (new JobInput.RunFailed(JobRuns.Failed(run ?? JobRuns.Run(RunStatus.Running), ErrorCategory.Permanent)), known),
            "trigger" => (new JobInput.Trigger("by hand", Actor), JobFacts.None),
            "replay" => (new JobInput.Replay(JobRuns.DeadLetterId, Actor), new JobFacts { Run = JobRuns.DeadLetter() }),
            "pause" => (new JobInput.Pause("maintenance", Actor), JobFacts.None),
            "resume" => (new JobInput.Resumption("maintenance over", Actor), JobFacts.None),
            "cancel" => (new JobInput.Cancel("not needed", Actor), JobFacts.None),
            "delete" => (new JobInput.Delete("not needed", Actor), JobFacts.None),
            "purge" => (new JobInput.Purge(), JobFacts.None),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input, "An input the table does not know."),
        };
    }

    static FieldError UnknownHandler => new("handler", "no handler named 'nope' is known");

    // A run of the occurrence before the one due now was sent and has not started: the job is scheduled until it does.
    static JobState Sent(JobState job)
    {
        job.ActiveRuns = 1;
        job.CurrentRunId = JobStates.RunId;
        return job;
    }

    static UpdateJob Update(JobStates states)
    {
        var definition = states.Definition();
        var schedule = states.IsRecurring ? new JobSchedule { Every = TimeSpan.FromMinutes(2) } : definition.Schedule! with { At = definition.Schedule!.At!.Value.AddHours(1) };
        return new UpdateJob { JobId = definition.JobId, Name = "sync ledgers v2", Handler = definition.Handler, Schedule = schedule };
    }

    static JobState KeyedJob() => new()
    {
        CorrelationId = Guid.Parse("0190f0aa-0000-7000-8000-00000000a0ee"),
        CurrentState = (int)JobStatus.Scheduled,
        IdempotencyKey = "ledgers-1",
        NextRunAt = JobStates.Now.AddMinutes(1),
    };

    static JobState Deleted(JobState job)
    {
        job.DeletedAt = job.UpdatedAt;
        return job;
    }
}

using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using static Scheduler.Service.Lifecycle.JobStatus;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// Holds of the recurring job (<c>every PT1M</c>): disable and enable in each state, a pause with an end (and the
/// due message that ends it), and what the other commands and events do to a disabled job. A disabled job keeps its
/// schedule paused; enabled, it goes on from its next occurrence. <c>paused until</c> is a job paused until
/// <see cref="Until"/>, whose due message has the token <see cref="PauseToken"/>.
/// </summary>
public sealed class JobDeciderHoldTableTests
{
    static readonly DateTimeOffset Until = JobStates.Now.AddHours(2);
    static readonly Guid PauseToken = Guid.Parse("0190f0aa-0000-7000-8000-00000000e001");

    public static TheoryData<string, string, JobStatus?, string> Holds => new()
    {
        { "scheduled",       "disable",          Disabled,  "pauseRecur audit:disabled reply:JobDisabled" },
        { "running",         "disable",          Disabled,  "pauseRecur audit:disabled reply:JobDisabled" },
        { "paused",          "disable",          Disabled,  "audit:disabled reply:JobDisabled" },
        { "paused until",    "disable",          Disabled,  "cancelDue audit:disabled reply:JobDisabled" },
        { "disabled",        "disable",          Disabled,  "reply:JobDisabled" },
        { "completed",       "disable",          Completed, "reply:JobCommandRejected" },
        { "cancelled",       "disable",          Cancelled, "reply:JobCommandRejected" },

        { "disabled",        "enable",           Scheduled, "resumeRecur audit:enabled reply:JobEnabled" },
        { "scheduled",       "enable",           Scheduled, "reply:JobEnabled" },
        { "paused",          "enable",           Paused,    "reply:JobEnabled" },
        { "completed",       "enable",           Completed, "reply:JobCommandRejected" },

        { "scheduled",       "pause until",      Paused,    "pauseRecur pauseEnd audit:paused reply:JobPaused" },
        { "paused",          "pause until",      Paused,    "pauseEnd audit:paused reply:JobPaused" },
        { "paused until",    "pause until",      Paused,    "cancelDue pauseEnd audit:paused reply:JobPaused" },
        { "scheduled",       "pause until past", Scheduled, "reply:JobCommandRejected" },
        { "disabled",        "pause",            Disabled,  "reply:JobCommandRejected" },

        { "paused until",    "pauseEnds",        Scheduled, "resumeRecur audit:resumed reply:JobResumed" },
        { "paused until",    "pauseEnds stale",  Paused,    "none" },
        { "paused",          "pauseEnds",        Paused,    "none" },
        { "paused until",    "resume",           Scheduled, "cancelDue resumeRecur audit:resumed reply:JobResumed" },
        { "paused until",    "cancel",           Cancelled, "cancelRecur cancelDue audit:cancelled reply:JobCancelled" },

        { "disabled",        "occurrenceDue",    Disabled,  "none" },
        { "disabled",        "trigger",          Disabled,  "reply:JobCommandRejected" },
        { "disabled",        "resume",           Disabled,  "reply:JobCommandRejected" },
        { "disabled",        "update",           Disabled,  "cancelRecur audit:updated recur(paused) reply:JobUpdated" },
        { "disabled",        "cancel",           Cancelled, "cancelRecur audit:cancelled reply:JobCancelled" },
        { "disabled",        "delete",           Cancelled, "cancelRecur audit:deleted reply:JobDeleted" },
        { "disabled, run out", "runSucceeded",   Disabled,  "run:succeeded audit:runSucceeded" },
        { "disabled, run out", "runFailed",      Disabled,  "run:failed run:pending retry audit:runFailed audit:retryScheduled" },
    };

    [Theory]
    [MemberData(nameof(Holds))]
    public void A_hold_decides_the_status_and_effects_of_the_table(string state, string input, JobStatus? status, string effects)
    {
        var decision = Decide(JobStates.EveryMinute, State(JobStates.EveryMinute, state), input);

        Assert.Equal(status, decision.Status);
        Assert.Equal(effects, EffectSummary.Of(decision));
    }

    [Fact]
    public void A_pause_with_an_end_keeps_its_end_and_reason_until_it_resumes()
    {
        var paused = Decide(JobStates.EveryMinute, State(JobStates.EveryMinute, "scheduled"), "pause until").Job;

        Assert.Equal(Until, paused.PausedUntil);
        Assert.Equal("maintenance", paused.PauseReason);
        var end = Assert.Single(Decide(JobStates.EveryMinute, State(JobStates.EveryMinute, "scheduled"), "pause until").Effects
            .OfType<JobEffect.SchedulePauseEnd>());
        Assert.Equal(Until, end.DueAt);
        Assert.Equal(paused.PauseTokenId, end.Token);

        var resumed = Decide(JobStates.EveryMinute, State(JobStates.EveryMinute, "paused until"), "pauseEnds");
        Assert.Null(resumed.Job.PausedUntil);
        Assert.Null(resumed.Job.PauseReason);
        Assert.Null(resumed.Job.PauseTokenId);
        var audit = Assert.Single(resumed.Effects.OfType<JobEffect.Audit>());
        Assert.Equal("scheduler", audit.Actor);
    }

    [Fact]
    public void An_enabled_recurring_job_owes_nothing_and_goes_on_from_its_next_occurrence_after_now()
    {
        var disabled = State(JobStates.EveryMinute, "disabled");
        disabled.NextRunAt = JobStates.Now.AddHours(-3);

        var decision = Decide(JobStates.EveryMinute, disabled, "enable");

        Assert.Equal(JobStates.Now.AddMinutes(1), decision.Job.NextRunAt);
        Assert.Equal(JobStates.Now.AddMinutes(1), Assert.Single(decision.Effects.OfType<JobEffect.ResumeRecurrence>()).Next);
        Assert.Empty(decision.Effects.OfType<JobEffect.SaveRun>());
    }

    [Fact]
    public void Disabling_drops_the_occurrences_that_wait_for_a_slot()
    {
        var running = State(JobStates.EveryMinute, "running");
        running.QueuedOccurrences = [JobStates.Now];

        var decision = Decide(JobStates.EveryMinute, running, "disable");

        Assert.Null(decision.Job.QueuedOccurrences);
    }

    [Theory]
    [InlineData(-5, Running, "run:pending send audit:enabled reply:JobEnabled")]
    [InlineData(60, Scheduled, "send audit:enabled reply:JobEnabled")]
    public void An_enabled_one_shot_runs_now_if_its_instant_passed_and_otherwise_waits_for_it(int minutesFromNow, JobStatus status, string effects)
    {
        var states = JobStates.OneShotAt(JobStates.Now.AddMinutes(minutesFromNow));
        var disabled = states.Paused();
        disabled.CurrentState = (int)Disabled;

        var decision = Decide(states, disabled, "enable");

        Assert.Equal(status, decision.Status);
        Assert.Equal(effects, EffectSummary.Of(decision));
    }

    static JobState State(JobStates states, string state)
    {
        switch (state)
        {
            case "disabled":
                return SwitchedOff(states.Paused());
            case "disabled, run out":
                return SwitchedOff(states.Paused(activeRuns: 1));
            case "paused until":
                var paused = states.Paused();
                paused.PausedUntil = Until;
                paused.PauseReason = "maintenance";
                paused.PauseTokenId = PauseToken;
                return paused;
            default:
                return DecisionTable.Case(states, state, "schedule").Job!;
        }
    }

    static JobState SwitchedOff(JobState job)
    {
        job.CurrentState = (int)JobStatus.Disabled;
        return job;
    }

    static JobDecision Decide(JobStates states, JobState job, string input)
    {
        var run = JobRuns.Run(RunStatus.Running);
        var (decided, facts) = input switch
        {
            "disable" => ((JobInput)new JobInput.Disable("migration", DecisionTable.Actor), JobFacts.None),
            "enable" => (new JobInput.Enable("migration done", DecisionTable.Actor), JobFacts.None),
            "pause until" => (new JobInput.Pause("maintenance", DecisionTable.Actor, Until), JobFacts.None),
            "pause until past" => (new JobInput.Pause("maintenance", DecisionTable.Actor, JobStates.Now.AddMinutes(-1)), JobFacts.None),
            "pauseEnds" => (new JobInput.PauseEnds(PauseToken), JobFacts.None),
            "pauseEnds stale" => (new JobInput.PauseEnds(Guid.Parse("0190f0aa-0000-7000-8000-00000000e0ff")), JobFacts.None),
            "runSucceeded" => (new JobInput.RunSucceeded(JobRuns.Succeeded(run)), new JobFacts { Run = run }),
            "runFailed" => (new JobInput.RunFailed(JobRuns.Failed(run, ErrorCategory.Transient)), new JobFacts { Run = run }),
            _ => (DecisionTable.Case(states, "scheduled", input).Input, DecisionTable.Case(states, "scheduled", input).Facts),
        };
        return JobDecider.Decide(job, decided, facts, DecisionTable.Grounds());
    }
}

using System.Text.Json;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>Retries and their backoff, dead letters and their replay, and outcomes that come after their run ended.</summary>
public sealed class JobDeciderRunTests
{
    const string Actor = DecisionTable.Actor;
    static readonly DateTimeOffset Now = JobStates.Now;

    static JobStates Retrying(RetryPolicy retry) => JobStates.EveryMinute.With(retry: retry);

    static JobDecision Decide(JobState job, JobInput input, JobFacts facts) => JobDecider.Decide(job, input, facts, DecisionTable.Grounds());

    public static TheoryData<BackoffKind, int, int?, int[]> Backoffs => new()
    {
        { BackoffKind.Exponential, 10, null, [10, 20, 40] },
        { BackoffKind.Exponential, 10, 15,   [10, 15, 15] },
        { BackoffKind.Fixed,       10, null, [10, 10, 10] },
    };

    [Theory]
    [MemberData(nameof(Backoffs))]
    public void Each_retry_waits_the_plans_delay_counted_from_the_reported_failure(BackoffKind backoff, int initial, int? max, int[] delays)
    {
        var retry = new RetryPolicy
        {
            MaxAttempts = 4, Backoff = backoff, InitialDelay = TimeSpan.FromSeconds(initial), MaxDelay = max is null ? null : TimeSpan.FromSeconds(max.Value),
        };
        var chain = new DecisionChain(Retrying(retry).Scheduled());
        chain.Then(new JobInput.OccurrenceDue(Now, Now, []), Now);
        var waited = new List<int>();
        var attempts = new List<int>();
        JobDecision failed;
        var at = Now;
        while (true)
        {
            var run = chain.Run(chain.Job!.CurrentRunId!.Value);
            attempts.Add(run.Attempt);
            Assert.Equal(Now, run.ScheduledFor);
            at = at.AddSeconds(1);
            failed = chain.Then(new JobInput.RunFailed(JobRuns.Failed(run, ErrorCategory.Transient, at)), at.AddMilliseconds(7));
            if (failed.Effects.OfType<JobEffect.ScheduleRetry>().SingleOrDefault() is not { } scheduled)
                break;

            waited.Add((int)(scheduled.DueAt - at).TotalSeconds);
            at = scheduled.DueAt;
            Assert.Equal("run:pending send", EffectSummary.Of(chain.Then(new JobInput.RetryDue(scheduled.RunId), at)));
        }

        Assert.Equal(delays, waited);
        Assert.Equal([1, 2, 3, 4], attempts);
        // Each outcome came without its started event: the trail records the start first.
        Assert.Equal("run:faulted audit:runStarted audit:runFaulted publish:JobRunFaulted", EffectSummary.Of(failed));
        Assert.Contains("4 of 4 attempt(s) spent", failed.Effects.OfType<JobEffect.Audit>().Last().Detail, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Scheduled, failed.Status);
        Assert.Equal(RunStatus.Faulted, failed.Job.LastRunStatus);
        Assert.Equal(4, failed.Job.FailureCount);
    }

    [Fact]
    public void A_jittered_backoff_is_drawn_from_the_decisions_seed()
    {
        var run = JobRuns.Run(RunStatus.Running);
        var job = Retrying(new RetryPolicy { InitialDelay = TimeSpan.FromMinutes(1), Jitter = true }).Running();
        var input = new JobInput.RunFailed(JobRuns.Failed(run, ErrorCategory.Transient));
        DateTimeOffset DueWith(Guid seed) =>
            JobDecider.Decide(job, input, new JobFacts { Run = run }, new DecisionGrounds(Now, seed)).Effects.OfType<JobEffect.ScheduleRetry>().Single().DueAt;

        var due = DueWith(JobStates.Seed);

        Assert.Equal(due, DueWith(JobStates.Seed));
        Assert.InRange(due, Now, Now.AddMinutes(1));
        Assert.True(Enumerable.Range(1, 5).Select(i => DueWith(new Guid(i, 0, 0, new byte[8]))).Distinct().Count() > 1, "every seed drew the same delay");
    }

    [Fact]
    public void A_permanent_error_faults_the_occurrence_at_once()
    {
        var run = JobRuns.Run(RunStatus.Running);
        var job = Retrying(new RetryPolicy { MaxAttempts = 5 }).Running();

        var decision = Decide(job, new JobInput.RunFailed(JobRuns.Failed(run, ErrorCategory.Permanent)), new JobFacts { Run = run });

        Assert.Equal("run:faulted audit:runFaulted publish:JobRunFaulted", EffectSummary.Of(decision));
        Assert.EndsWith("a permanent error is not retried: kept as a dead letter", decision.Effects.OfType<JobEffect.Audit>().Single().Detail, StringComparison.Ordinal);
        var faulted = Assert.IsType<JobRunFaulted>(decision.Effects.OfType<JobEffect.Publish>().Single().Message);
        Assert.Equal((run.Id, 1, ErrorCategory.Permanent), (faulted.RunId, faulted.Attempt, faulted.Error.Category));
        Assert.Equal(0, decision.Job.ActiveRuns);
    }

    [Fact]
    public void A_timeout_is_retried_and_recorded_as_timed_out()
    {
        var run = JobRuns.Run(RunStatus.Running);

        var decision = Decide(JobStates.EveryMinute.Running(), new JobInput.RunFailed(JobRuns.Failed(run, ErrorCategory.Timeout)), new JobFacts { Run = run });

        Assert.Equal("run:timedOut run:pending retry audit:runTimedOut audit:retryScheduled", EffectSummary.Of(decision));
        Assert.Equal(JobStatus.Running, decision.Status);
        Assert.Equal(1, decision.Job.ActiveRuns);
    }

    [Fact]
    public void A_replay_counts_its_attempts_from_its_dead_letters_with_a_fresh_set()
    {
        var chain = new DecisionChain(Retrying(new RetryPolicy { MaxAttempts = 3, InitialDelay = TimeSpan.FromSeconds(1) }).Faulted())
            .Holding(JobRuns.DeadLetter());
        var replayed = chain.Then(new JobInput.Replay(JobRuns.DeadLetterId, Actor), Now);
        Assert.Equal("run:faulted run:pending send audit:runReplayed reply:RunReplayed", EffectSummary.Of(replayed));
        Assert.Equal(JobStatus.Scheduled, replayed.Status);
        var attempts = new List<(int Attempt, Guid? ReplayOf)>();
        JobDecision failed;
        var at = Now;
        while (true)
        {
            var run = chain.Run(chain.Job!.CurrentRunId!.Value);
            attempts.Add((run.Attempt, run.ReplayOf));
            at = at.AddSeconds(1);
            failed = chain.Then(new JobInput.RunFailed(JobRuns.Failed(run, ErrorCategory.Transient, at)), at);
            if (failed.Effects.OfType<JobEffect.ScheduleRetry>().SingleOrDefault() is not { } retry)
                break;

            at = retry.DueAt;
            chain.Then(new JobInput.RetryDue(retry.RunId), at);
        }

        Assert.Equal([(4, JobRuns.DeadLetterId), (5, JobRuns.DeadLetterId), (6, JobRuns.DeadLetterId)], attempts);
        Assert.Contains("3 of 3 attempt(s) spent", failed.Effects.OfType<JobEffect.Audit>().Last().Detail, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Faulted, failed.Status);
        Assert.Equal(replayed.Job.CurrentRunId, chain.Run(JobRuns.DeadLetterId).ReplayedBy);
    }

    [Theory]
    [InlineData(3, "run:failed run:pending retry audit:runFailed audit:retryScheduled")]
    [InlineData(0, "run:faulted audit:runFaulted publish:JobRunFaulted")]
    public void A_replays_first_failure_is_retried_because_the_facts_count_its_dead_letters_attempts(int replayedAttempts, string effects)
    {
        var replay = JobRuns.Run(RunStatus.Running, attempt: 4);
        replay.ReplayOf = JobRuns.DeadLetterId;

        var decision = Decide(JobStates.EveryMinute.Running(), new JobInput.RunFailed(JobRuns.Failed(replay, ErrorCategory.Transient)),
            new JobFacts { Run = replay, ReplayedAttempts = replayedAttempts });

        Assert.Equal(effects, EffectSummary.Of(decision));
    }

    public static TheoryData<RunStatus, string, string> Refusals => new()
    {
        { RunStatus.Succeeded, "is succeeded, not a dead letter", "" },
        { RunStatus.Faulted,   "was replayed already",            "replayed" },
        { RunStatus.Faulted,   "is not a run of job",             "another job's" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Only_a_dead_letter_of_the_job_not_replayed_yet_is_replayed(RunStatus status, string reason, string which)
    {
        var run = JobRuns.DeadLetter();
        run.Status = status;
        run.ReplayedBy = which == "replayed" ? Guid.NewGuid() : null;
        run.JobId = which == "another job's" ? Guid.NewGuid() : run.JobId;

        var decision = Decide(JobStates.EveryMinute.Faulted(), new JobInput.Replay(run.Id, Actor), new JobFacts { Run = run });

        var rejected = Assert.IsType<JobCommandRejected>(Assert.Single(decision.Effects.OfType<JobEffect.Reply>()).Message);
        Assert.Contains(reason, rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Faulted, decision.Status);
        Assert.DoesNotContain(decision.Effects, e => e is JobEffect.SendRun or JobEffect.Audit);
    }

    public static TheoryData<RunStatus, string> Ended => new()
    {
        { RunStatus.Succeeded, "succeeded" },
        { RunStatus.Faulted,   "faulted" },
        { RunStatus.TimedOut,  "timedOut" },
        { RunStatus.Skipped,   "skipped" },
    };

    [Theory]
    [MemberData(nameof(Ended))]
    public void An_outcome_for_a_run_that_has_ended_is_recorded_late_and_changes_nothing(RunStatus status, string wire)
    {
        var job = JobStates.EveryMinute.Running();
        var run = JobRuns.Run(status);
        var before = JsonSerializer.Serialize(job);

        var late = Decide(job, new JobInput.RunSucceeded(JobRuns.Succeeded(run)), new JobFacts { Run = run });

        Assert.Equal($"run:{wire} audit:lateOutcome", EffectSummary.Of(late));
        Assert.Contains($"after the run had ended {wire}; nothing changes", late.Effects.OfType<JobEffect.Audit>().Single().Detail, StringComparison.Ordinal);
        Assert.Equal(JobStatus.Running, late.Status);
        Assert.Equal(before, JsonSerializer.Serialize(late.Job));
        Assert.Equal(status, JobRuns.Saved(late).Single().Status);
    }
}

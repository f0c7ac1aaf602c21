using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>Overlap at the job's limit, and catch-up misfires, as the decider rules them for a recurring job.</summary>
public sealed class JobDeciderOccurrenceTests
{
    static readonly DateTimeOffset Now = JobStates.Now;

    static JobStates Overlapping(OverlapMode overlap, int maxInstances = 1) =>
        JobStates.EveryMinute.With(concurrency: new ConcurrencyPolicy { MaxInstances = maxInstances, Overlap = overlap });

    static JobFacts Unfinished(params JobRun[] runs) => new() { UnfinishedRuns = runs };

    static JobDecision OccurrenceDue(JobState job, JobFacts facts, DateTimeOffset? sentAt = null, params DateTimeOffset[] missed) =>
        JobDecider.Decide(job, new JobInput.OccurrenceDue(Now, sentAt ?? Now, missed), facts, new DecisionGrounds(sentAt ?? Now, JobStates.Seed));

    public static TheoryData<OverlapMode, string, int> AtTheLimit => new()
    {
        { OverlapMode.Skip,    "run:skipped audit:runSkipped",                                         1 },
        { OverlapMode.Queue,   "audit:runQueued",                                                      1 },
        { OverlapMode.Allow,   "run:pending send",                                                     2 },
        { OverlapMode.Replace, "run:failed run:pending audit:runAbandoned publish:JobRunAbandoned send", 1 },
    };

    [Theory]
    [MemberData(nameof(AtTheLimit))]
    public void An_occurrence_at_the_limit_follows_the_overlap_policy(OverlapMode overlap, string effects, int activeRuns)
    {
        var job = Overlapping(overlap).Running();

        var decision = OccurrenceDue(job, Unfinished(JobRuns.Run(RunStatus.Running)));

        Assert.Equal(effects, EffectSummary.Of(decision));
        Assert.Equal(JobStatus.Running, decision.Status);
        Assert.Equal(activeRuns, decision.Job.ActiveRuns);
        Assert.Equal(Now, decision.Job.LastOccurrenceAt);
        Assert.Equal(Now.AddMinutes(1), decision.Job.NextRunAt);
    }

    [Theory]
    [InlineData(OverlapMode.Skip)]
    [InlineData(OverlapMode.Queue)]
    [InlineData(OverlapMode.Replace)]
    public void An_occurrence_below_the_limit_starts_whatever_the_overlap_policy(OverlapMode overlap)
    {
        var job = Overlapping(overlap, maxInstances: 2).Running();

        var decision = OccurrenceDue(job, Unfinished(JobRuns.Run(RunStatus.Running)));

        Assert.Equal("run:pending send", EffectSummary.Of(decision));
        Assert.Equal(2, decision.Job.ActiveRuns);
    }

    [Fact]
    public void Replace_abandons_the_runs_the_store_has_unfinished_and_tells_their_consumer()
    {
        var job = Overlapping(OverlapMode.Replace).Running();

        var decision = OccurrenceDue(job, Unfinished(JobRuns.Run(RunStatus.Running)));

        var abandoned = JobRuns.Saved(decision).Single(r => r.Id == JobStates.RunId);
        Assert.Equal(RunStatus.Failed, abandoned.Status);
        Assert.Equal(ErrorCategory.Permanent, abandoned.ErrorCategory);
        Assert.StartsWith("Abandoned: replaced by the occurrence due at", abandoned.ErrorMessage, StringComparison.Ordinal);
        var told = Assert.Single(decision.Effects.OfType<JobEffect.Publish>()).Message;
        Assert.Equal(JobStates.RunId, Assert.IsType<JobRunAbandoned>(told).RunId);
        Assert.Equal(1, decision.Job.FailureCount);
        Assert.NotEqual(JobStates.RunId, decision.Job.CurrentRunId);
    }

    [Fact]
    public void Queue_keeps_one_occurrence_waiting_and_skips_the_next()
    {
        var chain = new DecisionChain(Overlapping(OverlapMode.Queue).Running());
        chain.Then(new JobInput.OccurrenceDue(Now, Now, []), Now);

        var next = chain.Then(new JobInput.OccurrenceDue(Now.AddMinutes(1), Now.AddMinutes(1), []), Now.AddMinutes(1));

        Assert.Equal("run:skipped audit:runSkipped", EffectSummary.Of(next));
        Assert.Equal([Now], next.Job.QueuedOccurrences);
    }

    [Fact]
    public void A_queued_occurrence_starts_when_the_run_out_ends()
    {
        var job = Overlapping(OverlapMode.Queue).Running();
        job.QueuedOccurrences = [Now];
        var run = JobRuns.Run(RunStatus.Running);

        var decision = JobDecider.Decide(job, new JobInput.RunSucceeded(JobRuns.Succeeded(run)), new JobFacts { Run = run }, DecisionTable.Grounds());

        Assert.Equal("run:succeeded run:pending send audit:runSucceeded audit:queuedRunSent", EffectSummary.Of(decision));
        Assert.Equal(JobStatus.Running, decision.Status);
        Assert.Null(decision.Job.QueuedOccurrences);
        Assert.Equal(Now, JobRuns.Saved(decision).Single(r => r.Status == RunStatus.Pending).ScheduledFor);
    }

    // Grace time five minutes, sent three and a half minutes after the occurrence: 08:58 is beyond it, 08:59 and
    // 09:00 within it. The last occurrence handled was 08:57.
    static JobState CatchingUp(JobState job)
    {
        job.LastOccurrenceAt = Now.AddMinutes(-3);
        job.Misfire = new MisfirePolicy { Policy = MisfireAction.CatchUp, GraceTime = TimeSpan.FromMinutes(5) };
        return job;
    }

    static readonly DateTimeOffset SentLate = Now.AddSeconds(210);

    [Fact]
    public void Catch_up_runs_the_owed_occurrences_oldest_first_one_at_a_time()
    {
        var job = CatchingUp(JobStates.EveryMinute.Scheduled());

        var decision = OccurrenceDue(job, JobFacts.None, SentLate, Now.AddMinutes(-2), Now.AddMinutes(-1));

        Assert.Equal("run:pending audit:misfire send audit:runQueued", EffectSummary.Of(decision));
        Assert.Equal(Now.AddMinutes(-1), JobRuns.Saved(decision).Single().ScheduledFor);
        Assert.Equal([Now], decision.Job.QueuedOccurrences);
        Assert.Contains("catchUp: 2 missed occurrence(s) run oldest first, 1 beyond the grace time dropped",
            decision.Effects.OfType<JobEffect.Audit>().First().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Owed_occurrences_wait_for_a_slot_even_when_overlap_would_skip_them()
    {
        var job = CatchingUp(Overlapping(OverlapMode.Skip).Running());

        var decision = OccurrenceDue(job, JobFacts.None, SentLate, Now.AddMinutes(-2), Now.AddMinutes(-1));

        Assert.Equal("audit:misfire audit:runQueued audit:runQueued", EffectSummary.Of(decision));
        Assert.Equal([Now.AddMinutes(-1), Now], decision.Job.QueuedOccurrences);
        Assert.Equal(1, decision.Job.ActiveRuns);
    }

    [Fact]
    public void A_due_message_for_an_occurrence_already_handled_changes_nothing()
    {
        var job = JobStates.EveryMinute.Scheduled();
        job.LastOccurrenceAt = Now;

        var decision = OccurrenceDue(job, JobFacts.None);

        Assert.Equal("none", EffectSummary.Of(decision));
        Assert.Equal(Now, decision.Job.NextRunAt);
    }
}

using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// Where a job settles, one rule after a run ends and on resume (issue 14: the two used to disagree), and the
/// triggered one-shot that used to finish before its own occurrence ran.
/// </summary>
public sealed class JobDeciderSettledTests
{
    const string Actor = DecisionTable.Actor;
    static readonly DateTimeOffset Now = JobStates.Now;

    // The occurrence due now is the schedule's last: it ends half a minute later.
    static DecisionChain LastOccurrenceOut()
    {
        var job = JobStates.EveryMinute.Scheduled();
        job.Schedule = job.Schedule! with { EndAt = Now.AddSeconds(30) };
        var chain = new DecisionChain(job);
        chain.Then(new JobInput.OccurrenceDue(Now, Now, []), Now);
        Assert.Null(chain.Job!.NextRunAt);
        return chain;
    }

    static JobRun Out(DecisionChain chain) => chain.Run(chain.Job!.CurrentRunId!.Value);

    [Fact]
    public void A_recurring_job_whose_last_occurrence_faulted_is_faulted_when_its_run_ends()
    {
        var chain = LastOccurrenceOut();
        chain.Then(new JobInput.RunStarted(JobRuns.Started(Out(chain), Now.AddSeconds(1))), Now.AddSeconds(1));

        var ended = chain.Then(new JobInput.RunFailed(JobRuns.Failed(Out(chain), ErrorCategory.Permanent, Now.AddSeconds(2))), Now.AddSeconds(2));

        Assert.Equal(JobStatus.Faulted, ended.Status);
        Assert.Equal(JobStatus.Faulted, JobDecider.Settled(ended.Job));
    }

    [Fact]
    public void A_recurring_job_whose_last_occurrence_faulted_while_paused_is_faulted_on_resume()
    {
        var chain = LastOccurrenceOut();
        var run = Out(chain);
        chain.Then(new JobInput.RunStarted(JobRuns.Started(run, Now.AddSeconds(1))), Now.AddSeconds(1));
        chain.Then(new JobInput.Pause(null, Actor), Now.AddSeconds(2));
        var failed = chain.Then(new JobInput.RunFailed(JobRuns.Failed(run, ErrorCategory.Permanent, Now.AddSeconds(3))), Now.AddSeconds(3));
        Assert.Equal(JobStatus.Paused, failed.Status);

        var resumed = chain.Then(new JobInput.Resumption(null, Actor), Now.AddSeconds(4));

        Assert.Equal(JobStatus.Faulted, resumed.Status);
        Assert.Equal("resumeRecur audit:resumed reply:JobResumed", EffectSummary.Of(resumed));
        var audit = resumed.Effects.OfType<JobEffect.Audit>().Single();
        Assert.Equal((JobStatus.Paused, JobStatus.Faulted), (audit.From, audit.To));
    }

    [Fact]
    public void Settled_is_faulted_for_a_recurring_job_with_no_next_occurrence_whose_last_run_faulted()
    {
        var job = JobStates.EveryMinute.Completed();
        job.LastRunStatus = RunStatus.Faulted;

        Assert.Equal(JobStatus.Faulted, JobDecider.Settled(job));
    }

    [Fact]
    public void Settled_is_scheduled_for_a_one_shot_whose_instant_is_still_to_come()
    {
        var job = JobStates.OneShotAt(Now.AddHours(1), MisfireAction.Skip).Scheduled();
        job.LastRunStatus = RunStatus.Succeeded;

        Assert.Equal(JobStatus.Scheduled, JobDecider.Settled(job));
    }

    [Theory]
    [InlineData(MisfireAction.Skip)]
    [InlineData(MisfireAction.CatchUp)]
    public void A_one_shot_triggered_before_its_instant_is_scheduled_when_the_triggered_run_ends(MisfireAction misfire)
    {
        var (chain, triggered) = TriggeredBeforeItsInstant(misfire);

        var ended = chain.Then(new JobInput.RunSucceeded(JobRuns.Succeeded(triggered, Now.AddSeconds(3))), Now.AddSeconds(3));

        Assert.Equal(JobStatus.Scheduled, ended.Status);
        Assert.Equal(Now.AddHours(1), ended.Job.NextRunAt);
        Assert.NotNull(ended.Job.DueTokenId);
        Assert.Equal("run:succeeded audit:runSucceeded", EffectSummary.Of(ended));
    }

    [Theory]
    [InlineData(MisfireAction.Skip)]
    [InlineData(MisfireAction.CatchUp)]
    public void A_one_shot_triggered_before_its_instant_still_runs_its_occurrence_when_its_due_message_comes(MisfireAction misfire)
    {
        var (chain, triggered) = TriggeredBeforeItsInstant(misfire);
        chain.Then(new JobInput.RunSucceeded(JobRuns.Succeeded(triggered, Now.AddSeconds(3))), Now.AddSeconds(3));
        var instant = Now.AddHours(1);

        var due = chain.Then(new JobInput.OneShotDue(chain.Job!.DueTokenId, instant, instant), instant);

        Assert.Equal("run:pending send", EffectSummary.Of(due));
        var send = due.Effects.OfType<JobEffect.SendRun>().Single();
        Assert.Equal(instant, send.Message.ScheduledFor);
        Assert.NotEqual(triggered.Id, send.Message.RunId);
        Assert.Equal(JobStatus.Scheduled, due.Status);
        Assert.Null(due.Job.NextRunAt);

        chain.Then(new JobInput.RunSucceeded(JobRuns.Succeeded(chain.Run(send.Message.RunId), instant.AddSeconds(1))), instant.AddSeconds(1));
        Assert.Equal((int)JobStatus.Completed, chain.Job!.CurrentState);
        Assert.Equal(2, chain.Job.RunCount);
    }

    [Fact]
    public void A_one_shot_triggered_and_paused_before_its_instant_is_scheduled_again_on_resume()
    {
        var (chain, triggered) = TriggeredBeforeItsInstant(MisfireAction.Skip);
        var paused = chain.Then(new JobInput.Pause(null, Actor), Now.AddSeconds(3));
        Assert.Equal("cancelDue audit:paused reply:JobPaused", EffectSummary.Of(paused));
        var ended = chain.Then(new JobInput.RunSucceeded(JobRuns.Succeeded(triggered, Now.AddSeconds(4))), Now.AddSeconds(4));
        Assert.Equal(JobStatus.Paused, ended.Status);

        var resumed = chain.Then(new JobInput.Resumption(null, Actor), Now.AddSeconds(5));

        Assert.Equal(JobStatus.Scheduled, resumed.Status);
        Assert.Equal("due audit:resumed reply:JobResumed", EffectSummary.Of(resumed));
        Assert.Equal(Now.AddHours(1), resumed.Effects.OfType<JobEffect.ScheduleOneShot>().Single().DueAt);
    }

    // Accepted now for an hour later (not armed: its misfire policy needs a decision when it comes), then triggered
    // at once; the triggered run has started.
    static (DecisionChain Chain, JobRun Triggered) TriggeredBeforeItsInstant(MisfireAction misfire)
    {
        var definition = JobStates.OneShotAt(Now.AddHours(1), misfire).Definition();
        var chain = new DecisionChain();
        var accepted = chain.Then(new JobInput.Schedule(definition, [], Actor), Now);
        Assert.Equal("audit:scheduled due reply:JobScheduled(new)", EffectSummary.Of(accepted));

        var trigger = chain.Then(new JobInput.Trigger(null, Actor), Now.AddSeconds(1));
        Assert.Equal("run:pending audit:triggered send reply:JobTriggered(started)", EffectSummary.Of(trigger));
        var triggered = JobRuns.Saved(trigger).Single();
        var started = chain.Then(new JobInput.RunStarted(JobRuns.Started(triggered, Now.AddSeconds(2))), Now.AddSeconds(2));
        Assert.Equal(JobStatus.Running, started.Status);
        return (chain, chain.Run(triggered.Id));
    }
}

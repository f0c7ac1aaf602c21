using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// A one-shot for an hour later under <c>fireNow</c> is armed: its run waits in the due table and goes to the handler
/// without the job. Stopping the job takes it back while it waits, or records it as out once the dispatcher sent it;
/// its consumer's first report opens its record.
/// </summary>
public sealed class JobDeciderArmedRunTests
{
    const string Actor = DecisionTable.Actor;
    static readonly DateTimeOffset Now = JobStates.Now;
    static readonly DateTimeOffset Instant = Now.AddHours(1);

    static JobState Armed() => JobStates.OneShotAt(Instant).Scheduled();

    public static TheoryData<string, bool, JobStatus, string> Stopping => new()
    {
        { "pause",  true,  JobStatus.Paused,    "cancelDue audit:paused reply:JobPaused" },
        { "pause",  false, JobStatus.Paused,    "run:pending audit:paused reply:JobPaused" },
        { "cancel", true,  JobStatus.Cancelled, "cancelDue audit:cancelled reply:JobCancelled" },
        { "cancel", false, JobStatus.Cancelled, "run:pending audit:cancelled reply:JobCancelled" },
        { "delete", true,  JobStatus.Cancelled, "cancelDue audit:deleted reply:JobDeleted" },
        { "delete", false, JobStatus.Cancelled, "run:pending audit:deleted reply:JobDeleted" },
        { "update", true,  JobStatus.Scheduled, "cancelDue audit:updated send reply:JobUpdated" },
        { "update", false, JobStatus.Scheduled, "run:pending audit:updated send reply:JobUpdated" },
    };

    [Theory]
    [MemberData(nameof(Stopping))]
    public void Stopping_the_job_takes_its_armed_run_back_while_it_waits_or_records_it_as_out(string command, bool waiting, JobStatus status, string effects)
    {
        JobInput input = command switch
        {
            "pause" => new JobInput.Pause(null, Actor),
            "cancel" => new JobInput.Cancel(null, Actor),
            "delete" => new JobInput.Delete(null, Actor),
            _ => new JobInput.Update(new UpdateJob { Name = "send reminders", Handler = "noop", Schedule = new JobSchedule { At = Instant.AddHours(1) } }, [], Actor),
        };

        var decision = JobDecider.Decide(Armed(), input, new JobFacts { ArmedRunWaiting = waiting }, DecisionTable.Grounds());

        Assert.Equal(status, decision.Status);
        Assert.Equal(effects, EffectSummary.Of(decision));
        Assert.NotEqual(JobStates.RunId, decision.Job.ArmedRunId);
        Assert.Equal(waiting ? 0 : 1, decision.Job.ActiveRuns);
        if (!waiting)
        {
            var sent = JobRuns.Saved(decision).Single();
            Assert.Equal((JobStates.RunId, Instant, RunStatus.Pending), (sent.Id, sent.ScheduledFor, sent.Status));
        }
    }

    [Fact]
    public void The_armed_run_taken_back_by_a_pause_is_armed_again_on_resume()
    {
        var chain = new DecisionChain(Armed());
        chain.Then(new JobInput.Pause(null, Actor), Now);

        var resumed = chain.Then(new JobInput.Resumption(null, Actor), Now.AddMinutes(1));

        Assert.Equal(JobStatus.Scheduled, resumed.Status);
        Assert.Equal("send audit:resumed reply:JobResumed", EffectSummary.Of(resumed));
        var send = resumed.Effects.OfType<JobEffect.SendRun>().Single();
        Assert.Equal((Instant, Instant), (send.DueAt, send.Message.ScheduledFor));
        Assert.Equal(resumed.Job.ArmedRunId, send.Message.RunId);
        Assert.Equal(resumed.Job.DueTokenId, send.Token);
    }

    [Theory]
    [InlineData(0, "run:running audit:runStarted")]
    [InlineData(90, "run:running audit:misfire audit:runStarted")]
    public void The_consumers_start_opens_the_armed_runs_record_and_notes_a_start_past_the_grace_time(int secondsLate, string effects)
    {
        var started = Instant.AddSeconds(secondsLate);
        var run = new JobRun { Id = JobStates.RunId, JobId = JobStates.JobId, ScheduledFor = Instant };

        var decision = JobDecider.Decide(Armed(), new JobInput.RunStarted(JobRuns.Started(run, started)), JobFacts.None,
            new DecisionGrounds(started, JobStates.Seed));

        Assert.Equal(JobStatus.Running, decision.Status);
        Assert.Equal(effects, EffectSummary.Of(decision));
        Assert.Equal((null, null, null), (decision.Job.ArmedRunId, decision.Job.DueTokenId, decision.Job.NextRunAt));
        Assert.Equal(Instant, decision.Job.LastOccurrenceAt);
        Assert.Equal(started, JobRuns.Saved(decision).Single().StartedAt);
    }

    [Fact]
    public void An_outcome_before_the_start_opens_the_armed_run_and_completes_the_job()
    {
        var run = new JobRun { Id = JobStates.RunId, JobId = JobStates.JobId, ScheduledFor = Instant };

        var decision = JobDecider.Decide(Armed(), new JobInput.RunSucceeded(JobRuns.Succeeded(run, Instant.AddSeconds(1))), JobFacts.None,
            new DecisionGrounds(Instant.AddSeconds(1), JobStates.Seed));

        Assert.Equal(JobStatus.Completed, decision.Status);
        Assert.Equal("run:succeeded audit:runStarted audit:runSucceeded", EffectSummary.Of(decision));
        Assert.Equal(1, decision.Job.RunCount);
    }
}

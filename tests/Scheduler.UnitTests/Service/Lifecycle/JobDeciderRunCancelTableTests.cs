using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using static Scheduler.Service.Lifecycle.JobStatus;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// What cancelling the job's run does in each state of the recurring job (<c>every PT1M</c>): a run out or a retry
/// waiting ends cancelled and frees its slot (a run that was sent has its consumer told to stop); an ended run, or one
/// of another job, is refused. A run the decision looked at is stored as it left it (unchanged when refused).
/// </summary>
public sealed class JobDeciderRunCancelTableTests
{
    public static TheoryData<string, JobStatus?, string> Cancels => new()
    {
        { "running",                 Scheduled, "run:cancelled audit:runCancelled publish:JobRunAbandoned reply:RunCancelled" },
        { "scheduled, run sent",     Scheduled, "run:cancelled audit:runCancelled publish:JobRunAbandoned reply:RunCancelled" },
        { "running, retry waiting",  Scheduled, "run:cancelled audit:runCancelled reply:RunCancelled" },
        { "paused, run out",         Paused,    "run:cancelled audit:runCancelled publish:JobRunAbandoned reply:RunCancelled" },
        { "cancelled, run out",      Cancelled, "run:cancelled audit:runCancelled publish:JobRunAbandoned reply:RunCancelled" },
        { "completed",               Completed, "run:succeeded reply:JobCommandRejected" },
        { "faulted",                 Faulted,   "run:faulted reply:JobCommandRejected" },
        { "none",                    null,      "none" },
    };

    [Theory]
    [MemberData(nameof(Cancels))]
    public void Cancelling_a_run_decides_the_status_and_effects_of_the_table(string state, JobStatus? status, string effects)
    {
        var (job, _, facts) = DecisionTable.Case(JobStates.EveryMinute, state, "retryDue");

        var decision = JobDecider.Decide(job, Cancel(JobStates.RunId), facts, DecisionTable.Grounds());

        Assert.Equal(status, decision.Status);
        Assert.Equal(effects, EffectSummary.Of(decision));
    }

    [Fact]
    public void A_cancelled_run_is_not_retried_and_its_late_failure_changes_nothing()
    {
        var (job, _, facts) = DecisionTable.Case(JobStates.EveryMinute, "running", "retryDue");
        var cancelled = JobDecider.Decide(job, Cancel(JobStates.RunId), facts, DecisionTable.Grounds());
        var run = Assert.Single(JobRuns.Saved(cancelled));
        Assert.Equal(RunStatus.Cancelled, run.Status);
        Assert.Equal(0, cancelled.Job.ActiveRuns);

        var failed = JobDecider.Decide(cancelled.Job, new JobInput.RunFailed(JobRuns.Failed(run, Scheduler.Contracts.ErrorCategory.Transient)),
            new JobFacts { Run = run }, DecisionTable.Grounds());

        Assert.Equal("run:cancelled audit:lateOutcome", EffectSummary.Of(failed));
    }

    [Theory]
    [InlineData(true, Scheduled, "reply:JobCommandRejected")]
    [InlineData(false, Completed, "run:cancelled audit:runCancelled publish:JobRunAbandoned reply:RunCancelled")]
    public void An_armed_one_shot_run_is_cancelled_once_it_was_sent(bool waiting, JobStatus status, string effects)
    {
        var job = JobStates.OneShotAt(JobStates.Now.AddMinutes(-1)).Scheduled();

        var decision = JobDecider.Decide(job, Cancel(JobStates.RunId), new JobFacts { ArmedRunWaiting = waiting }, DecisionTable.Grounds());

        Assert.Equal(status, decision.Status);
        Assert.Equal(effects, EffectSummary.Of(decision));
    }

    [Fact]
    public void A_run_the_job_does_not_have_is_refused()
    {
        var (job, _, _) = DecisionTable.Case(JobStates.EveryMinute, "running", "retryDue");

        var decision = JobDecider.Decide(job, Cancel(JobRuns.DeadLetterId), JobFacts.None, DecisionTable.Grounds());

        Assert.Equal("reply:JobCommandRejected", EffectSummary.Of(decision));
    }

    static JobInput.CancelRun Cancel(Guid runId) => new(runId, "wrong input file", DecisionTable.Actor);
}

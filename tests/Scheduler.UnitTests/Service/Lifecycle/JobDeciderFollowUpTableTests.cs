using System.Text.Json;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using static Scheduler.Service.Lifecycle.JobStatus;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// Follow-ups of the recurring job (<c>every PT1M</c>) with one job under <c>onSuccess</c> and one under
/// <c>onFailure</c>: which run outcomes schedule which, in the states where a run is out.
/// </summary>
public sealed class JobDeciderFollowUpTableTests
{
    static readonly ScheduleJob Report = new() { JobId = Guid.NewGuid(), Name = "send report", Handler = "noop", Payload = Json("""{"to": "ops"}""") };
    static readonly ScheduleJob Alert = new() { Name = "page on-call", Handler = "noop" };

    public static TheoryData<string, string, JobStatus?, string> Outcomes => new()
    {
        { "running",            "runSucceeded",      Scheduled, "run:succeeded audit:runSucceeded followUp audit:followUpScheduled" },
        { "running",            "runFailed faulted", Scheduled, "run:faulted audit:runFaulted followUp audit:followUpScheduled publish:JobRunFaulted" },
        { "running",            "runFailed retried", Running,   "run:failed run:pending retry audit:runFailed audit:retryScheduled" },
        { "paused, run out",    "runSucceeded",      Paused,    "run:succeeded audit:runSucceeded followUp audit:followUpScheduled" },
        { "cancelled, run out", "runSucceeded",      Cancelled, "run:succeeded audit:runSucceeded" },
        { "completed",          "runSucceeded",      Completed, "run:succeeded audit:lateOutcome" },
    };

    [Theory]
    [MemberData(nameof(Outcomes))]
    public void A_run_outcome_schedules_the_follow_ups_of_the_table(string state, string input, JobStatus? status, string effects)
    {
        var decision = Decide(state, input);

        Assert.Equal(status, decision.Status);
        Assert.Equal(effects, EffectSummary.Of(decision));
    }

    [Fact]
    public void A_follow_up_is_a_new_job_of_the_tenant_with_its_parent_and_the_parent_result_in_its_payload()
    {
        var decision = Decide("running", "runSucceeded");

        var command = Assert.Single(decision.Effects.OfType<JobEffect.ScheduleFollowUp>()).Command;
        Assert.NotEqual(Report.JobId, command.JobId);
        Assert.NotEqual(Guid.Empty, command.JobId);
        Assert.Equal(decision.Job.TenantId, command.TenantId);
        Assert.Equal(new JobParent { JobId = JobStates.JobId, RunId = JobStates.RunId }, command.Parent);
        Assert.Equal("ops", command.Payload!.Value.GetProperty("to").GetString());
        Assert.Equal(3, command.Payload.Value.GetProperty("parentResult").GetProperty("rows").GetInt32());
        Assert.Equal("send report", command.Name);
    }

    [Fact]
    public void The_same_report_decided_again_schedules_the_same_follow_up()
    {
        var first = Assert.Single(Decide("running", "runSucceeded").Effects.OfType<JobEffect.ScheduleFollowUp>());
        var again = Assert.Single(Decide("running", "runSucceeded").Effects.OfType<JobEffect.ScheduleFollowUp>());

        Assert.Equal(first.Command.JobId, again.Command.JobId);
    }

    static JobDecision Decide(string state, string input)
    {
        var (job, _, facts) = DecisionTable.Case(JobStates.EveryMinute, state, "retryDue");
        if (job is not null)
        {
            job.OnSuccess = [Report];
            job.OnFailure = [Alert];
        }

        var run = facts.Run!;
        JobInput decided = input switch
        {
            "runSucceeded" => new JobInput.RunSucceeded(JobRuns.Succeeded(run) with { Result = Json("""{"rows": 3}""") }),
            "runFailed faulted" => new JobInput.RunFailed(JobRuns.Failed(run, ErrorCategory.Permanent)),
            "runFailed retried" => new JobInput.RunFailed(JobRuns.Failed(run, ErrorCategory.Transient)),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input, "An input the table does not know."),
        };
        return JobDecider.Decide(job, decided, facts, DecisionTable.Grounds());
    }

    static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}

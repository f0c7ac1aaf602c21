using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;
using static Scheduler.Service.Lifecycle.JobStatus;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// What a schedule command whose key names the recurring job (<c>every PT1M</c>) does to it in each state: the same
/// definition changes nothing, a new one replaces it as an update does (a finished or cancelled job is scheduled
/// again), an invalid one is rejected; a deleted job is no job of the key.
/// </summary>
public sealed class JobDeciderKeyTableTests
{
    static JobStatus? NoJob => null;

    public static TheoryData<string, string, JobStatus?, string> Upserts => new()
    {
        { "none",      "upsert same",    NoJob,     "none" },
        { "scheduled", "upsert same",    Scheduled, "reply:JobScheduled(existing)" },
        { "running",   "upsert same",    Running,   "reply:JobScheduled(existing)" },
        { "cancelled", "upsert same",    Cancelled, "reply:JobScheduled(existing)" },
        { "paused",    "upsert same",    Paused,    "reply:JobScheduled(existing)" },
        { "deleted",   "upsert same",    Cancelled, "reply:JobRejected" },

        { "scheduled", "upsert changed", Scheduled, "cancelRecur audit:updated recur reply:JobScheduled(existing)" },
        { "running",   "upsert changed", Running,   "cancelRecur audit:updated recur reply:JobScheduled(existing)" },
        { "completed", "upsert changed", Scheduled, "cancelRecur audit:updated recur reply:JobScheduled(existing)" },
        { "faulted",   "upsert changed", Scheduled, "cancelRecur audit:updated recur reply:JobScheduled(existing)" },
        { "cancelled", "upsert changed", Scheduled, "cancelRecur audit:updated recur reply:JobScheduled(existing)" },
        { "paused",    "upsert changed", Paused,    "cancelRecur audit:updated recur(paused) reply:JobScheduled(existing)" },
        { "deleted",   "upsert changed", Cancelled, "reply:JobRejected" },

        { "scheduled", "upsert invalid", Scheduled, "reply:JobRejected" },
        { "paused",    "upsert invalid", Paused,    "reply:JobRejected" },
    };

    [Theory]
    [MemberData(nameof(Upserts))]
    public void An_upsert_decides_the_status_and_effects_of_the_table(string state, string input, JobStatus? status, string effects)
    {
        var decision = Decide(state, input);

        Assert.Equal(status, decision.Status);
        Assert.Equal(effects, EffectSummary.Of(decision));
    }

    [Theory]
    [InlineData("upsert same", false)]
    [InlineData("upsert changed", true)]
    public void The_answer_says_whether_the_definition_was_replaced(string input, bool updated)
    {
        var reply = Assert.Single(Decide("scheduled", input).Effects.OfType<JobEffect.Reply>());

        var scheduled = Assert.IsType<JobScheduled>(reply.Message);
        Assert.Equal(JobStates.JobId, scheduled.JobId);
        Assert.False(scheduled.Created);
        Assert.Equal(updated, scheduled.Updated);
    }

    [Fact]
    public void A_replaced_definition_keeps_the_job_s_key_and_identity()
    {
        var (job, _, _) = DecisionTable.Case(JobStates.EveryMinute, "scheduled", "schedule");
        job!.Key = "ledgers";

        var decision = JobDecider.Decide(job, Upsert("upsert changed"), JobFacts.None, DecisionTable.Grounds());

        Assert.Equal("ledgers", decision.Job.Key);
        Assert.Equal(JobStates.JobId, decision.Job.CorrelationId);
        Assert.Equal(TimeSpan.FromMinutes(2), decision.Job.Schedule?.Every);
    }

    [Fact]
    public void A_new_job_takes_the_key_of_its_command()
    {
        var command = JobStates.EveryMinute.Definition() with { Key = "ledgers" };

        var decision = JobDecider.Decide(null, new JobInput.Schedule(command, [], DecisionTable.Actor), JobFacts.None, DecisionTable.Grounds());

        Assert.Equal("ledgers", decision.Job.Key);
    }

    static JobDecision Decide(string state, string input)
    {
        var (job, _, _) = DecisionTable.Case(JobStates.EveryMinute, state, "schedule");
        return JobDecider.Decide(job, Upsert(input), JobFacts.None, DecisionTable.Grounds());
    }

    // A command from another sender: its own job id, which the job that has the key keeps.
    static JobInput.Upsert Upsert(string input)
    {
        var same = JobStates.EveryMinute.Definition() with { JobId = Guid.NewGuid(), Key = "ledgers" };
        return input switch
        {
            "upsert same" => new(same, [], DecisionTable.Actor),
            "upsert changed" => new(same with { Schedule = new JobSchedule { Every = TimeSpan.FromMinutes(2) } }, [], DecisionTable.Actor),
            "upsert invalid" => new(same with { Handler = "nope" }, [new FieldError("handler", "no handler named 'nope' is known")], DecisionTable.Actor),
            _ => throw new ArgumentOutOfRangeException(nameof(input), input, "An input the table does not know."),
        };
    }
}

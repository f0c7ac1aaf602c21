using System.Text.Json;
using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// The decider is a function: the same job, input, facts and grounds give the same decision, ids and draws
/// included, and what it is given is not changed. Every state and input of the tables, for both kinds of job.
/// </summary>
public sealed class JobDeciderDeterminismTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var kind in new[] { "recurring", "one-shot" })
        foreach (var state in DecisionTable.StateNames)
        foreach (var input in DecisionTable.InputNames)
            cases.Add(kind, state, input);
        return cases;
    }

    static JobStates Kind(string kind) =>
        kind == "recurring" ? JobStates.EveryMinute : JobStates.OneShotAt(JobStates.Now, MisfireAction.Skip);

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_same_grounds_give_the_same_decision(string kind, string state, string input)
    {
        var (job, decided, facts) = DecisionTable.Case(Kind(kind), state, input);

        var first = JobDecider.Decide(job, decided, facts, DecisionTable.Grounds());
        var second = JobDecider.Decide(job, decided, facts, DecisionTable.Grounds());

        Assert.Equal(Text(first), Text(second));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Deciding_twice_on_one_grounds_gives_the_same_decision(string kind, string state, string input)
    {
        var (job, decided, facts) = DecisionTable.Case(Kind(kind), state, input);
        var grounds = DecisionTable.Grounds();

        var first = JobDecider.Decide(job, decided, facts, grounds);
        var second = JobDecider.Decide(job, decided, facts, grounds);

        Assert.Equal(Text(first), Text(second));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Deciding_changes_neither_the_job_nor_the_facts_it_is_given(string kind, string state, string input)
    {
        var (job, decided, facts) = DecisionTable.Case(Kind(kind), state, input);
        var before = (Json(job), Json(facts));

        JobDecider.Decide(job, decided, facts, DecisionTable.Grounds());

        Assert.Equal(before, (Json(job), Json(facts)));
    }

    [Fact]
    public void Another_seed_draws_other_ids()
    {
        var (job, decided, facts) = DecisionTable.Case(JobStates.EveryMinute, "scheduled", "occurrenceDue");

        var first = JobDecider.Decide(job, decided, facts, DecisionTable.Grounds());
        var second = JobDecider.Decide(job, decided, facts, new DecisionGrounds(JobStates.Now, Guid.Parse("5eed5eed-0000-4000-8000-000000000002")));

        Assert.NotEqual(first.Job.CurrentRunId, second.Job.CurrentRunId);
    }

    static string Text(JobDecision decision) =>
        Json(new { decision.Job, decision.Status, Effects = decision.Effects.Select(e => new { Kind = e.GetType().Name, Effect = (object)e }) });

    static string Json(object? value) => JsonSerializer.Serialize(value);
}

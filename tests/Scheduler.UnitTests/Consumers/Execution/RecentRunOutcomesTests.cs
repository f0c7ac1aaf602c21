using Scheduler.Consumers.Execution;
using Scheduler.Contracts;

namespace Scheduler.UnitTests.Consumers.Execution;

public sealed class RecentRunOutcomesTests
{
    static RunOutcome Succeeded(Guid runId) => new() { Succeeded = new JobRunSucceeded { JobId = Guid.NewGuid(), RunId = runId, Attempt = 1 } };

    [Fact]
    public void Finds_an_outcome_it_remembers_and_nothing_for_another_run()
    {
        var recent = new RecentRunOutcomes();
        var outcome = Succeeded(Guid.NewGuid());

        recent.Remember(outcome);

        Assert.Same(outcome, recent.Find(outcome.RunId));
        Assert.Null(recent.Find(Guid.NewGuid()));
    }

    [Fact]
    public void Forgets_the_oldest_outcomes_beyond_its_capacity()
    {
        var recent = new RecentRunOutcomes(capacity: 3);
        var outcomes = Enumerable.Range(0, 5).Select(_ => Succeeded(Guid.NewGuid())).ToList();

        foreach (var outcome in outcomes)
            recent.Remember(outcome);

        Assert.Null(recent.Find(outcomes[0].RunId));
        Assert.Null(recent.Find(outcomes[1].RunId));
        Assert.All(outcomes.Skip(2), outcome => Assert.Same(outcome, recent.Find(outcome.RunId)));
    }

    [Fact]
    public void Remembering_a_run_twice_keeps_the_first_outcome()
    {
        var recent = new RecentRunOutcomes(capacity: 2);
        var runId = Guid.NewGuid();
        var first = Succeeded(runId);

        recent.Remember(first);
        recent.Remember(Succeeded(runId));

        Assert.Same(first, recent.Find(runId));
    }
}

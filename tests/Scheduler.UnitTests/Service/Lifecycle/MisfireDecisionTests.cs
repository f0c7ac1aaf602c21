using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

public sealed class MisfireDecisionTests
{
    static readonly DateTimeOffset Occurrence = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    static MisfirePolicy Policy(MisfireAction action, TimeSpan? grace = null) => new() { Policy = action, GraceTime = grace };

    [Fact]
    public void An_occurrence_on_time_runs_whatever_the_policy()
    {
        var decision = MisfireDecision.For(Policy(MisfireAction.Skip), Occurrence, [], Occurrence.AddMilliseconds(40));

        Assert.Equal([Occurrence], decision.ToRun);
        Assert.Empty(decision.Skipped);
        Assert.Null(decision.Note);
    }

    [Fact]
    public void A_late_occurrence_within_the_grace_time_runs_as_if_on_time()
    {
        var decision = MisfireDecision.For(Policy(MisfireAction.Skip, TimeSpan.FromMinutes(5)), Occurrence, [], Occurrence.AddMinutes(4));

        Assert.Equal([Occurrence], decision.ToRun);
    }

    [Fact]
    public void Fire_now_runs_once_for_occurrences_all_past_the_grace_time()
    {
        var missed = new[] { Occurrence.AddMinutes(-2), Occurrence.AddMinutes(-1) };

        var decision = MisfireDecision.For(null, Occurrence, missed, Occurrence.AddMinutes(2));

        Assert.Equal([Occurrence], decision.ToRun);
        Assert.Empty(decision.Skipped);
        Assert.Contains("3 missed occurrences run once", decision.Note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MisfireAction.FireNow)]
    [InlineData(MisfireAction.Skip)]
    [InlineData(MisfireAction.CatchUp)]
    public void Occurrences_sent_together_within_the_grace_time_each_run_whatever_the_policy(MisfireAction action)
    {
        var missed = new[] { Occurrence.AddSeconds(-2), Occurrence.AddSeconds(-1) };

        var decision = MisfireDecision.For(Policy(action), Occurrence, missed, Occurrence.AddMilliseconds(300));

        Assert.Equal([Occurrence.AddSeconds(-2), Occurrence.AddSeconds(-1), Occurrence], decision.ToRun);
        Assert.Empty(decision.Skipped);
        Assert.True(decision.CatchesUp);
    }

    [Fact]
    public void Fire_now_runs_the_misfires_once_and_each_occurrence_still_within_the_grace_time()
    {
        var missed = new[] { Occurrence.AddMinutes(-3), Occurrence.AddMinutes(-2), Occurrence.AddSeconds(-30) };

        var decision = MisfireDecision.For(null, Occurrence, missed, Occurrence.AddSeconds(1));

        Assert.Equal([Occurrence.AddMinutes(-2), Occurrence.AddSeconds(-30), Occurrence], decision.ToRun);
        Assert.Contains("2 missed occurrences run once", decision.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_drops_the_misfires_and_runs_each_occurrence_still_within_the_grace_time()
    {
        var missed = new[] { Occurrence.AddMinutes(-3), Occurrence.AddSeconds(-30) };

        var decision = MisfireDecision.For(Policy(MisfireAction.Skip), Occurrence, missed, Occurrence.AddSeconds(1));

        Assert.Equal([Occurrence.AddSeconds(-30), Occurrence], decision.ToRun);
        Assert.Equal([Occurrence.AddMinutes(-3)], decision.Skipped);
    }

    [Fact]
    public void Fire_now_is_the_default_for_a_late_one_shot()
    {
        var decision = MisfireDecision.For(null, Occurrence, [], Occurrence.AddHours(1));

        Assert.Equal([Occurrence], decision.ToRun);
        Assert.NotNull(decision.Note);
    }

    [Fact]
    public void Skip_runs_nothing_and_records_the_occurrence_as_skipped()
    {
        var decision = MisfireDecision.For(Policy(MisfireAction.Skip), Occurrence, [Occurrence.AddMinutes(-1)], Occurrence.AddMinutes(3));

        Assert.Empty(decision.ToRun);
        Assert.Equal([Occurrence], decision.Skipped);
    }

    [Fact]
    public void Catch_up_runs_each_missed_occurrence_within_the_grace_time_oldest_first()
    {
        var missed = new[] { Occurrence.AddMinutes(-30), Occurrence.AddMinutes(-8), Occurrence.AddMinutes(-4) };

        var decision = MisfireDecision.For(Policy(MisfireAction.CatchUp, TimeSpan.FromMinutes(10)), Occurrence, missed, Occurrence.AddMinutes(1));

        Assert.Equal([Occurrence.AddMinutes(-8), Occurrence.AddMinutes(-4), Occurrence], decision.ToRun);
        Assert.Empty(decision.Skipped);
        Assert.Contains("1 beyond the grace time dropped", decision.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Catch_up_with_everything_beyond_the_grace_time_skips_the_occurrence()
    {
        var decision = MisfireDecision.For(Policy(MisfireAction.CatchUp, TimeSpan.FromMinutes(1)), Occurrence, [], Occurrence.AddHours(2));

        Assert.Empty(decision.ToRun);
        Assert.Equal([Occurrence], decision.Skipped);
    }
}

using Scheduler.Contracts;
using Scheduler.Service.Calendars;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>A backfill of a recurring job (every minute), as the decider rules it.</summary>
public sealed class JobDeciderBackfillTests
{
    static readonly DateTimeOffset Now = JobStates.Now; // a Monday, 09:00 UTC

    static JobDecision Backfill(JobState job, DateTimeOffset from, DateTimeOffset to, JobFacts? facts = null) =>
        JobDecider.Decide(job, new JobInput.Backfill(from, to, "test"), facts ?? JobFacts.None, new DecisionGrounds(Now, JobStates.Seed));

    static JobState Limited(OverlapMode overlap, int maxInstances) =>
        JobStates.EveryMinute.With(concurrency: new ConcurrencyPolicy { MaxInstances = maxInstances, Overlap = overlap }).Scheduled();

    static JobBackfilled Reply(JobDecision decision) => Assert.IsType<JobBackfilled>(Assert.Single(decision.Effects.OfType<JobEffect.Reply>()).Message);

    [Fact]
    public void Each_occurrence_in_the_range_runs_oldest_first_and_is_in_the_ledger_as_backfilled()
    {
        var job = Limited(OverlapMode.Allow, maxInstances: 5);

        var decision = Backfill(job, Now.AddHours(-1), Now.AddHours(-1).AddMinutes(3));

        Assert.Equal("ran@08:00:00(backfill) ran@08:01:00(backfill) ran@08:02:00(backfill)", EffectSummary.Ledger(decision));
        Assert.Equal((3, 3), (Reply(decision).Occurrences, Reply(decision).Started));
        Assert.Equal([Now.AddHours(-1), Now.AddHours(-1).AddMinutes(1), Now.AddHours(-1).AddMinutes(2)],
            JobRuns.Saved(decision).Select(r => r.ScheduledFor));
        Assert.Equal((JobStatus.Running, 3), (decision.Status!.Value, decision.Job.ActiveRuns));
        Assert.Equal((job.NextRunAt, job.LastOccurrenceAt), (decision.Job.NextRunAt, decision.Job.LastOccurrenceAt));
        Assert.Contains("audit:backfilled", EffectSummary.Of(decision), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OverlapMode.Skip, "ran@08:00:00(backfill) skipped@08:01:00(backfill) skipped@08:02:00(backfill)", 1, 0, 2)]
    [InlineData(OverlapMode.Queue, "ran@08:00:00(backfill) queued@08:01:00(backfill) skipped@08:02:00(backfill)", 1, 1, 1)]
    public void At_the_limit_the_overlap_policy_decides(OverlapMode overlap, string ledger, int started, int queued, int skipped)
    {
        var decision = Backfill(Limited(overlap, maxInstances: 1), Now.AddHours(-1), Now.AddHours(-1).AddMinutes(3));

        Assert.Equal(ledger, EffectSummary.Ledger(decision));
        var reply = Reply(decision);
        Assert.Equal((started, queued, skipped), (reply.Started, reply.Queued, reply.Skipped));
    }

    [Fact]
    public void The_calendar_applies()
    {
        var calendar = CalendarRules.Read("c", new CalendarDefinition { Exclude = new() { Cron = "1 8 * * *" } }, out _);

        var decision = Backfill(Limited(OverlapMode.Allow, 5), Now.AddHours(-1), Now.AddHours(-1).AddMinutes(3), new JobFacts { Calendar = calendar });

        Assert.Equal("ran@08:00:00(backfill) excluded@08:01:00(backfill) ran@08:02:00(backfill)", EffectSummary.Ledger(decision));
        Assert.Equal(1, Reply(decision).Excluded);
    }

    [Fact]
    public void A_range_of_more_than_ten_thousand_occurrences_is_refused_and_runs_nothing()
    {
        var job = JobStates.EveryMinute.Scheduled();
        job.Schedule = new JobSchedule { Cron = "* * * * *" };

        var decision = Backfill(job, Now.AddDays(-7), Now);

        var refused = Assert.IsType<JobCommandRejected>(Assert.Single(decision.Effects.OfType<JobEffect.Reply>()).Message);
        Assert.Contains("more than 10,000 occurrences", refused.Reason, StringComparison.Ordinal);
        Assert.Equal("reply:JobCommandRejected", EffectSummary.Of(decision));
    }

    [Fact]
    public void A_cron_schedule_is_backfilled_from_before_the_job_was_created()
    {
        var job = Limited(OverlapMode.Allow, maxInstances: 5);
        job.Schedule = new JobSchedule { Cron = "0 9 * * *", TimeZone = "Europe/Berlin" };

        var decision = Backfill(job, Now.AddDays(-3), Now);

        Assert.Equal("ran@08:00:00(backfill) ran@08:00:00(backfill) ran@08:00:00(backfill)", EffectSummary.Ledger(decision));
        Assert.Equal(Now.AddDays(-2).AddHours(-1), JobRuns.Saved(decision)[0].ScheduledFor); // 09:00 in Berlin, three days running
    }

    [Fact]
    public void A_one_shot_or_a_paused_job_is_not_backfilled()
    {
        var oneShot = Backfill(JobStates.OneShotAt(Now.AddHours(1)).Scheduled(), Now.AddHours(-1), Now);
        var paused = Backfill(JobStates.EveryMinute.Paused(), Now.AddHours(-1), Now);

        Assert.Equal("reply:JobCommandRejected", EffectSummary.Of(oneShot));
        Assert.Equal("reply:JobCommandRejected", EffectSummary.Of(paused));
        Assert.Equal("none", EffectSummary.Ledger(paused));
    }
}

using Scheduler.Contracts;
using Scheduler.Service.Calendars;
using Scheduler.Service.History;
using Scheduler.Service.Ledger;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>The occurrence ledger: each due instant of a recurring job gets its fate from the decider, with its reason.</summary>
public sealed class JobDeciderLedgerTests
{
    static readonly DateTimeOffset Now = JobStates.Now; // a Monday, 09:00 UTC; the job runs every minute

    static JobDecision OccurrenceDue(JobState job, JobFacts? facts = null, params DateTimeOffset[] missed) =>
        JobDecider.Decide(job, new JobInput.OccurrenceDue(Now, Now, missed), facts ?? JobFacts.None, new DecisionGrounds(Now, JobStates.Seed));

    static JobState AtLimit(OverlapMode overlap) =>
        JobStates.EveryMinute.With(concurrency: new ConcurrencyPolicy { MaxInstances = 1, Overlap = overlap }).Running();

    static JobFacts Unfinished => new() { UnfinishedRuns = [JobRuns.Run(RunStatus.Running)] };

    static JobState Under(MisfireAction policy)
    {
        var job = JobStates.EveryMinute.Scheduled();
        job.Misfire = new MisfirePolicy { Policy = policy };
        return job;
    }

    public static TheoryData<string, Func<JobDecision>, string> Fates => new()
    {
        { "on time", () => OccurrenceDue(JobStates.EveryMinute.Scheduled()), "ran@09:00:00" },
        { "overlap skip", () => OccurrenceDue(AtLimit(OverlapMode.Skip), Unfinished), "skipped@09:00:00" },
        { "overlap queue", () => OccurrenceDue(AtLimit(OverlapMode.Queue), Unfinished), "queued@09:00:00" },
        { "overlap allow", () => OccurrenceDue(AtLimit(OverlapMode.Allow), Unfinished), "ran@09:00:00" },
        { "calendar", () => OccurrenceDue(JobStates.EveryMinute.Scheduled(),
            new JobFacts { Calendar = CalendarRules.Read("office", new() { Exclude = new() { Weekdays = ["MON"] } }, out _) }), "excluded@09:00:00" },
        { "misfire skip", () => OccurrenceDue(Under(MisfireAction.Skip), null, Now.AddMinutes(-3), Now.AddMinutes(-2)),
            "misfired@08:58:00 ran@09:00:00 misfired@08:57:00" },
        { "misfire fireNow", () => OccurrenceDue(Under(MisfireAction.FireNow), null, Now.AddMinutes(-3), Now.AddMinutes(-2)),
            "ran@08:58:00 queued@09:00:00 coalesced@08:57:00" },
        { "misfire catchUp", () => OccurrenceDue(Under(MisfireAction.CatchUp), null, Now.AddMinutes(-3), Now.AddMinutes(-2)),
            "ran@09:00:00 misfired@08:57:00 misfired@08:58:00" },
    };

    [Theory]
    [MemberData(nameof(Fates))]
    public void Each_fate_of_an_occurrence_is_recorded(string because, Func<JobDecision> decide, string ledger)
    {
        Assert.NotNull(because);

        Assert.Equal(ledger, EffectSummary.Ledger(decide()));
    }

    [Fact]
    public void A_run_occurrence_names_its_run()
    {
        var decision = OccurrenceDue(JobStates.EveryMinute.Scheduled());

        var entry = Assert.Single(decision.Effects.OfType<JobEffect.RecordOccurrence>());
        Assert.Equal(Assert.Single(JobRuns.Saved(decision)).Id, entry.RunId);
        Assert.Equal(Now, entry.At);
    }

    [Fact]
    public void Each_entry_says_why()
    {
        var skipped = Assert.Single(OccurrenceDue(AtLimit(OverlapMode.Skip), Unfinished).Effects.OfType<JobEffect.RecordOccurrence>());
        var misfired = OccurrenceDue(Under(MisfireAction.Skip), null, Now.AddMinutes(-3)).Effects.OfType<JobEffect.RecordOccurrence>().First();

        Assert.Equal("overlap skip: the job is at its limit", skipped.Detail);
        Assert.Equal(OccurrenceFate.Misfired, misfired.Fate);
        Assert.StartsWith("skip: 1 missed occurrence(s) not run", misfired.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_queued_occurrence_is_recorded_again_when_it_runs()
    {
        var job = AtLimit(OverlapMode.Queue);
        job.QueuedOccurrences = [Now];
        var run = JobRuns.Run(RunStatus.Running);

        var decision = JobDecider.Decide(job, new JobInput.RunSucceeded(JobRuns.Succeeded(run)), new JobFacts { Run = run }, DecisionTable.Grounds());

        Assert.Equal("ran@09:00:00", EffectSummary.Ledger(decision));
    }

    [Fact]
    public void The_instants_that_fell_while_the_job_was_paused_are_recorded_when_it_resumes()
    {
        var job = JobStates.EveryMinute.Paused();
        job.NextRunAt = Now.AddMinutes(-2);

        var decision = JobDecider.Decide(job, new JobInput.Resumption(null, "test"), JobFacts.None, new DecisionGrounds(Now, JobStates.Seed));

        Assert.Equal("paused@08:58:00 paused@08:59:00 paused@09:00:00", EffectSummary.Ledger(decision));
        Assert.Equal(Now.AddMinutes(1), decision.Job.NextRunAt);
    }

    [Fact]
    public void The_instants_that_fell_while_the_job_was_disabled_are_recorded_when_it_is_enabled()
    {
        var job = JobStates.EveryMinute.Scheduled();
        job.CurrentState = (int)JobStatus.Disabled;
        job.NextRunAt = Now.AddMinutes(-2);

        var decision = JobDecider.Decide(job, new JobInput.Enable(null, "test"), JobFacts.None, new DecisionGrounds(Now, JobStates.Seed));

        Assert.Equal("disabled@08:58:00 disabled@08:59:00 disabled@09:00:00", EffectSummary.Ledger(decision));
        Assert.Equal(Now.AddMinutes(1), decision.Job.NextRunAt);
    }
}

using Scheduler.Contracts;
using Scheduler.Service.Calendars;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>A schedule that names a calendar, as the decider rules it.</summary>
public sealed class JobDeciderCalendarTests
{
    static readonly DateTimeOffset Now = JobStates.Now; // a Monday, 09:00 UTC

    static CalendarRules Calendar(CalendarExclusions exclude) =>
        CalendarRules.Read("office", new CalendarDefinition { Exclude = exclude }, out _)!;

    static JobDecision OccurrenceDue(JobState job, CalendarRules? calendar, params DateTimeOffset[] missed) =>
        JobDecider.Decide(job, new JobInput.OccurrenceDue(Now, Now, missed), new JobFacts { Calendar = calendar },
            new DecisionGrounds(Now, JobStates.Seed));

    [Fact]
    public void An_excluded_occurrence_does_not_run_and_is_recorded_with_its_exclusion()
    {
        var job = JobStates.EveryMinute.Scheduled();

        var decision = OccurrenceDue(job, Calendar(new() { Weekdays = ["MON"] }));

        Assert.Equal("audit:occurrenceExcluded", EffectSummary.Of(decision));
        var audit = Assert.Single(decision.Effects.OfType<JobEffect.Audit>());
        Assert.Contains("excluded by calendar 'office': weekday MON", audit.Detail, StringComparison.Ordinal);
        Assert.Equal((JobStatus.Scheduled, 0, Now, Now.AddMinutes(1)),
            (decision.Status!.Value, decision.Job.ActiveRuns, decision.Job.LastOccurrenceAt!.Value, decision.Job.NextRunAt!.Value));
    }

    [Fact]
    public void An_occurrence_the_calendar_does_not_exclude_runs()
    {
        var decision = OccurrenceDue(JobStates.EveryMinute.Scheduled(), Calendar(new() { Weekdays = ["SUN"] }));

        Assert.Equal("run:pending send", EffectSummary.Of(decision));
    }

    [Fact]
    public void Missed_occurrences_the_calendar_excludes_are_not_caught_up()
    {
        var job = JobStates.EveryMinute.With().Scheduled();
        job.Misfire = new MisfirePolicy { Policy = MisfireAction.CatchUp, GraceTime = TimeSpan.FromSeconds(1) };
        var calendar = Calendar(new() { TimesOfDay = [new() { From = "08:58", To = "08:59" }] });

        var decision = OccurrenceDue(job, calendar, Now.AddMinutes(-2), Now.AddMinutes(-1));

        var excluded = decision.Effects.OfType<JobEffect.Audit>().Where(a => a.Event == AuditEvent.OccurrenceExcluded).ToList();
        Assert.Contains("08:58", Assert.Single(excluded).Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(JobRuns.Saved(decision), r => r.ScheduledFor == Now.AddMinutes(-2));
    }

    [Fact]
    public void A_job_naming_a_calendar_the_tenant_lacks_is_rejected_naming_the_field()
    {
        var command = JobStates.Definition(new JobSchedule { Every = TimeSpan.FromMinutes(1), Calendar = "nowhere" });

        var decision = JobDecider.Decide(null, new JobInput.Schedule(command, [], "test"), JobFacts.None, new DecisionGrounds(Now, JobStates.Seed));

        var rejected = Assert.IsType<JobRejected>(Assert.Single(decision.Effects.OfType<JobEffect.Reply>()).Message);
        Assert.Equal("schedule.calendar", Assert.Single(rejected.Errors).Field);
        Assert.Null(decision.Status);
    }

    [Fact]
    public void An_update_naming_a_calendar_the_tenant_lacks_is_rejected_and_changes_nothing()
    {
        var job = JobStates.EveryMinute.Scheduled();
        var update = new UpdateJob
        {
            JobId = job.CorrelationId, Name = job.Name, Handler = job.Handler,
            Schedule = new JobSchedule { Every = TimeSpan.FromMinutes(5), Calendar = "nowhere" },
        };

        var decision = JobDecider.Decide(job, new JobInput.Update(update, [], "test"), JobFacts.None, new DecisionGrounds(Now, JobStates.Seed));

        var rejected = Assert.IsType<JobRejected>(Assert.Single(decision.Effects.OfType<JobEffect.Reply>()).Message);
        Assert.Equal("schedule.calendar", Assert.Single(rejected.Errors).Field);
        Assert.Equal(job.Schedule, decision.Job.Schedule);
    }

    [Fact]
    public void A_job_naming_a_calendar_the_tenant_has_is_created()
    {
        var command = JobStates.Definition(new JobSchedule { Every = TimeSpan.FromMinutes(1), Calendar = "office" });

        var decision = JobDecider.Decide(null, new JobInput.Schedule(command, [], "test"), new JobFacts { Calendar = Calendar(new()) },
            new DecisionGrounds(Now, JobStates.Seed));

        Assert.Equal(JobStatus.Scheduled, decision.Status);
    }
}

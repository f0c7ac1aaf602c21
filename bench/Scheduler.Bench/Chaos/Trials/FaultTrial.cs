using System.Globalization;
using Scheduler.Bench.Chaos.Faults;
using Scheduler.Bench.Deployment;
using Scheduler.Bench.Usage;
using Scheduler.Bench.Workloads;
using Scheduler.Contracts;

namespace Scheduler.Bench.Chaos.Trials;

/// <summary>
/// One trial of a fault under load, on a fresh deployment whose consumer host journals its handlers: the load is
/// published, the fault strikes at its instant, and the trial waits for every job until the patience after the
/// component came back runs out. Whatever happens, even past the bound, what was done is measured.
/// </summary>
public static class FaultTrial
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>How long after the recurring schedules end their last occurrences may still be on their way.</summary>
    static readonly TimeSpan RecurringSettle = TimeSpan.FromSeconds(5);

    public static async Task<TrialResult> RunAsync(BenchSettings settings, FaultPlan plan, IFault fault, CancellationToken bound)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(fault);
        var journal = Path.Combine(Path.GetTempPath(), $"scheduler-chaos-{Guid.NewGuid():N}.journal");
        try
        {
            var options = new DeploymentOptions
            {
                Journal = journal,
                ConsumerEnvironment = new Dictionary<string, string>
                {
                    ["Scheduler__Consumer__DrainTime"] = plan.ConsumerDrain.ToString("c", CultureInfo.InvariantCulture),
                },
            };
            await using var deployment = await BenchDeployment.StartAsync(settings, plan.Concurrency, options);
            var marks = new TrialMarks
            {
                Jobs = plan.Jobs, RecurringOccurrences = plan.RecurringOccurrences, RecurringMissesAreLost = plan.RecurringMissesAreLost,
            };
            WorkloadUsage? usage = null;
            var problems = await TrialRun.GuardAsync(deployment, fault, async () =>
            {
                await fault.PrepareAsync(deployment, bound);
                var meter = plan.MeterUsage ? await UsageMeter.StartAsync(deployment) : null;
                await LoadAndStrikeAsync(deployment, plan, fault, marks, journal, bound);
                usage = meter is null ? null : await meter.StopAsync();
            }, bound);
            return new TrialResult(await TrialRun.MeasureAsync(settings, deployment, journal, marks), problems) { Usage = usage };
        }
        finally
        {
            File.Delete(journal);
        }
    }

    static async Task LoadAndStrikeAsync(BenchDeployment deployment, FaultPlan plan, IFault fault, TrialMarks marks, string journal,
        CancellationToken bound)
    {
        var now = DateTimeOffset.UtcNow;
        var first = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond)) + plan.Lead;
        var recurringEnd = first + plan.RecurFor;
        marks.FirstDue = first;
        marks.RecurringJobs = plan.Recurring;
        marks.RecurringEvery = plan.Every;
        var commands = Enumerable.Range(0, plan.Jobs).Select(i => new ScheduleJob
            {
                JobId = Guid.NewGuid(),
                Name = TrialFigures.Prefix + i,
                Handler = "noop",
                Schedule = new JobSchedule { At = first + (plan.Jobs == 1 ? TimeSpan.Zero : plan.Spread * i / (plan.Jobs - 1)) },
            })
            .Concat(Enumerable.Range(0, plan.Recurring).Select(i => new ScheduleJob
            {
                JobId = Guid.NewGuid(),
                Name = TrialFigures.RecurringPrefix + i,
                Handler = "noop",
                Schedule = new JobSchedule { Every = plan.Every, StartAt = first, EndAt = recurringEnd },
            }))
            .ToList();
        await Publishing.AllAsync(deployment.Bus, commands, cancellationToken: bound);

        var untilFault = first + plan.FaultAfter - DateTimeOffset.UtcNow;
        if (untilFault > TimeSpan.Zero)
            await Task.Delay(untilFault, bound);
        marks.StoredAtFault = await Outages.OrAsync(() => deployment.ScalarAsync<long>(Queries.StoredJobs(TrialFigures.Prefix)), -1L);
        marks.DoneAtFault = await Outages.OrAsync(() => deployment.ScalarAsync<long>(Queries.CompletedJobs(TrialFigures.Prefix)), -1L);
        marks.JournalCut = new FileInfo(journal).Length;
        marks.FaultAt = DateTimeOffset.UtcNow;
        marks.Effect = await fault.InjectAsync(deployment, bound);

        var deadline = (marks.Effect.BackAt > recurringEnd ? marks.Effect.BackAt : recurringEnd) + plan.Patience;
        while (DateTimeOffset.UtcNow < deadline && !await AllDoneAsync(deployment, plan, recurringEnd))
            await Task.Delay(Poll, bound);
    }

    /// <summary>Every one-shot completed; every recurring occurrence fired (or, where misses are allowed, the schedules ended) and its run over.</summary>
    static Task<bool> AllDoneAsync(BenchDeployment deployment, FaultPlan plan, DateTimeOffset recurringEnd) => Outages.OrAsync(async () =>
        await deployment.ScalarAsync<long>(Queries.CompletedJobs(TrialFigures.Prefix)) == plan.Jobs
        && (plan.Recurring == 0 || (
            (await deployment.ScalarAsync<long>(TrialFigures.RecurringOccurrencesFired) >= plan.RecurringOccurrences
             || (!plan.RecurringMissesAreLost && DateTimeOffset.UtcNow > recurringEnd + RecurringSettle))
            && await deployment.ScalarAsync<long>("SELECT count(*) FROM job_runs WHERE status IN ('Pending', 'Running')") == 0)), false);
}

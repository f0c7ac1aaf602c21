using Scheduler.Bench.Consumer;
using Scheduler.Bench.Deployment;
using Scheduler.Bench.Reporting;
using Scheduler.Contracts;

namespace Scheduler.Bench.Workloads;

/// <summary>
/// W5: jobs due ahead; the consumer host is killed with SIGKILL just after they fall due and started again. The
/// host journals every handler start and end (see <see cref="ExecutionJournal"/>), so the figures come from what
/// the handlers did, not from what the scheduler believes.
/// </summary>
public sealed class CrashWorkload : IWorkload
{
    public string Name => "W5";
    public string Description => "crash: consumer SIGKILL at due + 0.5 s, then restarted: runs lost, completed and run again, re-executed after the kill";

    public async Task<WorkloadResult> RunAsync(BenchSettings settings, WorkloadArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var jobs = arguments.Number("jobs", 5_000);
        var concurrency = arguments.Number("concurrency", 16);
        var lead = arguments.Seconds("lead", 8);
        var killAfter = arguments.Seconds("killAfter", 0.5);
        var patience = arguments.Seconds("patience", 600);
        var journal = Path.Combine(Path.GetTempPath(), $"scheduler-bench-w5-{Guid.NewGuid():N}.journal");
        try
        {
            await using var deployment = await BenchDeployment.StartAsync(settings, concurrency, journal);
            const string prefix = "w5 ";
            var now = DateTimeOffset.UtcNow;
            var due = now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond)) + lead;
            var commands = Enumerable.Range(0, jobs)
                .Select(i => new ScheduleJob { JobId = Guid.NewGuid(), Name = prefix + i, Handler = "noop", Schedule = new JobSchedule { At = due } })
                .ToList();
            await Publishing.AllAsync(deployment.Bus, commands);

            var untilKill = due + killAfter - DateTimeOffset.UtcNow;
            if (untilKill > TimeSpan.Zero)
                await Task.Delay(untilKill);
            var killedAt = DateTimeOffset.UtcNow;
            await deployment.Consumer!.KillAsync();
            var cut = new FileInfo(journal).Length;
            await deployment.StartConsumerAsync(concurrency);

            var deadline = DateTimeOffset.UtcNow + patience;
            long completed;
            while ((completed = await deployment.ScalarAsync<long>(Queries.CompletedJobs(prefix))) < jobs && DateTimeOffset.UtcNow < deadline)
                await Task.Delay(200);

            var beforeKill = ExecutionJournal.Read(journal, cut);
            var afterKill = ExecutionJournal.Read(journal).Skip(beforeKill.Count).ToList();
            var endedBefore = beforeKill.Where(e => e.Kind == ExecutionJournal.Ended).Select(e => e.RunId).ToHashSet();
            var inFlight = beforeKill.Where(e => e.Kind == ExecutionJournal.Started).Select(e => e.RunId).Where(id => !endedBefore.Contains(id)).ToHashSet();
            var startedAfter = afterKill.Where(e => e.Kind == ExecutionJournal.Started).Select(e => e.RunId).ToHashSet();
            // A run whose handler had ended once and then started again, in whichever process.
            var ended = new HashSet<Guid>();
            var completedThenRunAgain = new HashSet<Guid>();
            foreach (var entry in beforeKill.Concat(afterKill))
            {
                if (entry.Kind == ExecutionJournal.Ended)
                    ended.Add(entry.RunId);
                else if (ended.Contains(entry.RunId))
                    completedThenRunAgain.Add(entry.RunId);
            }

            var lastSuccess = await deployment.ScalarAsync<DateTime>(
                $"SELECT max(r.completed_at) FROM job_runs r JOIN jobs j ON j.id = r.job_id WHERE j.name LIKE '{prefix}%' AND r.status = 'Succeeded'");
            var severalRuns = await deployment.ScalarAsync<long>(
                $"SELECT count(*) FROM (SELECT r.job_id FROM job_runs r JOIN jobs j ON j.id = r.job_id WHERE j.name LIKE '{prefix}%' GROUP BY r.job_id HAVING count(*) > 1) t");

            var figures = new Dictionary<string, double>
            {
                ["handler executions"] = beforeKill.Concat(afterKill).Count(e => e.Kind == ExecutionJournal.Started),
                ["runs finished before the kill"] = endedBefore.Count,
                ["runs in flight at the kill"] = inFlight.Count,
                ["runs lost (never succeeded)"] = jobs - completed,
                ["runs completed, then run again"] = completedThenRunAgain.Count,
                ["runs re-executed (in flight at the kill)"] = inFlight.Count(startedAfter.Contains),
                ["jobs with more than one run record"] = severalRuns,
                ["last success - kill s"] = (new DateTimeOffset(DateTime.SpecifyKind(lastSuccess, DateTimeKind.Utc)) - killedAt).TotalSeconds,
            };
            return new WorkloadResult(Name, Description, arguments.Used, figures);
        }
        finally
        {
            File.Delete(journal);
        }
    }
}

using System.Globalization;
using Scheduler.Bench.Consumer;
using Scheduler.Bench.Deployment;
using Scheduler.Bench.Workloads;

namespace Scheduler.Bench.Chaos.Trials;

/// <summary>
/// Reads a trial's figures once it is over: from the deployment's records (jobs, job_runs, job_audit, due_messages),
/// the handler journal, and the queues (the <c>_error</c> ones above all).
/// </summary>
public static class TrialFigures
{
    /// <summary>The one-shot jobs' name prefix; the recurring ones have <see cref="RecurringPrefix"/>.</summary>
    public const string Prefix = "chaos ";
    public const string RecurringPrefix = "chaos-recurring ";

    public static async Task<Dictionary<string, double>> MeasureAsync(BenchSettings settings, BenchDeployment deployment, string journal,
        TrialMarks marks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(marks);
        var reading = JournalReading.Read(journal, marks.JournalCut);
        var completed = await deployment.ScalarAsync<long>(Queries.CompletedJobs(Prefix));
        var recurringFired = marks.RecurringOccurrences == 0 ? 0 : await deployment.ScalarAsync<long>(RecurringOccurrencesFired);
        var recurringMissed = Math.Max(0, marks.RecurringOccurrences - recurringFired);
        var firedTwice = (await deployment.RowsAsync(
                "SELECT job_id, scheduled_for FROM job_runs WHERE attempt = 1 AND status <> 'Skipped' GROUP BY job_id, scheduled_for HAVING count(*) > 1",
                reader => new Occurrence(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1))))
            .Union(reading.OccurrencesDoneByTwoRuns).Count();
        var recordedTwice = await deployment.RowsAsync(
            "SELECT run_id FROM job_audit WHERE event = 'runSucceeded' AND run_id IS NOT NULL GROUP BY run_id HAVING count(*) > 1",
            reader => reader.GetGuid(0));
        var lastSuccess = (await deployment.RowsAsync("SELECT max(completed_at) FROM job_runs WHERE status = 'Succeeded'",
            reader => reader.IsDBNull(0) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(0))).Single();
        var queues = await QueueDepths.CountAsync(settings, deployment, cancellationToken);

        var lost = marks.Jobs - completed + (marks.RecurringMissesAreLost ? recurringMissed : 0);
        var figures = new Dictionary<string, double>
        {
            [ChaosFigure.Jobs] = marks.Jobs,
            [ChaosFigure.Lost] = lost,
            [ChaosFigure.CompletedTwice] = reading.RunsCompletedThenRunAgain.Union(recordedTwice).Count(),
            [ChaosFigure.FiredTwice] = firedTwice,
            [ChaosFigure.Recovery] = lost == 0 && lastSuccess is { } last && marks.BackAt is { } back ? Math.Max(0, (last - back).TotalSeconds) : double.NaN,
            [ChaosFigure.ErrorMessages] = queues.Where(q => QueueDepths.IsError(q.Key)).Sum(q => q.Value),
            ["_skipped messages"] = queues.Where(q => QueueDepths.IsSkipped(q.Key)).Sum(q => q.Value),
            ["messages left in the other queues"] = queues.Where(q => !QueueDepths.IsError(q.Key) && !QueueDepths.IsSkipped(q.Key)).Sum(q => q.Value),
            ["one-shot jobs not completed"] = marks.Jobs - completed,
            ["stored at fault"] = marks.StoredAtFault ?? double.NaN,
            ["done at fault"] = marks.DoneAtFault ?? double.NaN,
            ["fault to back s"] = marks.FaultAt is { } fault && marks.BackAt is { } up ? (up - fault).TotalSeconds : double.NaN,
            ["last success - fault s"] = marks.FaultAt is { } at && lastSuccess is { } end ? (end - at).TotalSeconds : double.NaN,
            ["handler executions"] = reading.Executions,
            ["runs finished before the fault"] = reading.EndedBeforeCut,
            ["runs in flight at the fault"] = reading.InFlightAtCut,
            ["runs re-executed (in flight at the fault)"] = reading.ReExecuted,
            ["jobs with more than one run record"] = await deployment.ScalarAsync<long>(
                $"SELECT count(*) FROM (SELECT r.job_id FROM job_runs r JOIN jobs j ON j.id = r.job_id WHERE j.name LIKE '{Prefix}%' GROUP BY r.job_id HAVING count(*) > 1) t"),
            ["succeeded runs without an audit entry"] = await deployment.ScalarAsync<long>(
                "SELECT count(*) FROM job_runs r WHERE r.status = 'Succeeded' AND NOT EXISTS (SELECT 1 FROM job_audit a WHERE a.run_id = r.id AND a.event = 'runSucceeded')"),
            ["runs pending or running at the end"] = await deployment.ScalarAsync<long>("SELECT count(*) FROM job_runs WHERE status IN ('Pending', 'Running')"),
            ["jobs faulted"] = await deployment.ScalarAsync<long>("SELECT count(*) FROM jobs WHERE current_state = 6"),
            ["due rows overdue by 30 s at the end"] = await deployment.ScalarAsync<long>(
                "SELECT count(*) FROM due_messages WHERE NOT paused AND due_at < now() - interval '30 seconds'"),
        };
        if (marks.RecurringOccurrences > 0)
        {
            figures["recurring occurrences owed"] = marks.RecurringOccurrences;
            figures["recurring occurrences not fired"] = recurringMissed;
            if (recurringMissed > 0 && marks.FirstDue is { } start)
            {
                var offsets = await NotFiredAsync(deployment, start, marks.RecurringOccurrences / marks.RecurringJobs, marks.RecurringEvery);
                figures["recurring not fired, earliest s after the first due"] = offsets.DefaultIfEmpty(double.NaN).Min();
                figures["recurring not fired, latest s after the first due"] = offsets.DefaultIfEmpty(double.NaN).Max();
            }
        }

        if (marks.Effect?.ExitLimit is { } limit)
        {
            figures[ChaosFigure.Exit] = marks.Effect.ExitTime?.TotalSeconds ?? double.NaN;
            figures[ChaosFigure.ExitLimit] = limit.TotalSeconds;
        }

        foreach (var (queue, count) in queues.Where(q => q.Value > 0))
            figures[$"messages in {queue}"] = count;
        return figures;
    }

    /// <summary>When the recurring occurrences that have no run were due, in seconds after <paramref name="start"/>.</summary>
    static Task<List<double>> NotFiredAsync(BenchDeployment deployment, DateTimeOffset start, long perJob, TimeSpan every) =>
        deployment.ColumnAsync(string.Create(CultureInfo.InvariantCulture, $"""
            SELECT k * {every.TotalSeconds}
            FROM jobs j CROSS JOIN generate_series(0, {perJob - 1}) k
            WHERE j.name LIKE '{RecurringPrefix}%' AND NOT EXISTS (
                SELECT 1 FROM job_runs r WHERE r.job_id = j.id AND r.scheduled_for = '{start:O}'::timestamptz + k * interval '{every.TotalSeconds} seconds')
            """));

    /// <summary>The recurring jobs' distinct occurrences with a run of any outcome, skipped included.</summary>
    public const string RecurringOccurrencesFired =
        $"SELECT count(DISTINCT (r.job_id, r.scheduled_for)) FROM job_runs r JOIN jobs j ON j.id = r.job_id WHERE j.name LIKE '{RecurringPrefix}%'";
}

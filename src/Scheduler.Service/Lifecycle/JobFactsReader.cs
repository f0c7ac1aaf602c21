using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Calendars;
using Scheduler.Service.History;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Reads what <see cref="JobDecider"/> needs to know about an input, in the caller's transaction. It reads only what
/// the input can use; the runs it returns are tracked, so the changes decided on their copies land on them.
/// </summary>
public sealed class JobFactsReader(SchedulerDbContext db, CalendarReader calendars)
{
    public async Task<JobFacts> ReadAsync(JobState? job, JobInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (job is null)
        {
            if (input is not JobInput.Schedule { Command: var command })
                return JobFacts.None;
            return new JobFacts
            {
                KeyedJob = command.IdempotencyKey is { } key ? await FindKeyedJobAsync(command.TenantId, key, cancellationToken) : null,
                Calendar = await calendars.ReadAsync(command.TenantId, command.Schedule?.Calendar, cancellationToken),
            };
        }

        var run = RunNamedBy(input) is { } runId ? await FindRunAsync(runId, job.CorrelationId, cancellationToken) : null;
        var replayed = run?.ReplayOf is { } deadLetter ? (await FindRunAsync(deadLetter, job.CorrelationId, cancellationToken))?.Attempt ?? 0 : 0;
        var unfinished = MayReplace(job, input) && MayStartOccurrence(input)
            ? await db.Runs.Where(r => r.JobId == job.CorrelationId && (r.Status == RunStatus.Pending || r.Status == RunStatus.Running))
                .OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken)
            : [];
        var armedWaiting = job is { ArmedRunId: not null, DueTokenId: { } token } && MayStopSchedule(input)
            && await db.DueMessages.FindAsync([token], cancellationToken) is { IsRecurring: false };

        var calendar = await calendars.ReadAsync(job.TenantId, CalendarNamedBy(job, input), cancellationToken);

        return new JobFacts
        {
            Run = run, ReplayedAttempts = replayed, UnfinishedRuns = unfinished, ArmedRunWaiting = armedWaiting, Calendar = calendar,
        };
    }

    // The calendar a decision may need: the one an update is to name, or the job's own for an occurrence falling due.
    static string? CalendarNamedBy(JobState job, JobInput input) => input switch
    {
        JobInput.Update update => update.Command.Schedule?.Calendar,
        JobInput.OccurrenceDue or JobInput.OneShotDue or JobInput.Backfill => job.Schedule?.Calendar,
        _ => null,
    };

    /// <summary>The run an input names (an outcome, a retry due, a replay), if any.</summary>
    public static Guid? RunNamedBy(JobInput input) => input switch
    {
        JobInput.RunStarted x => x.Event.RunId,
        JobInput.RunSucceeded x => x.Event.RunId,
        JobInput.RunFailed x => x.Event.RunId,
        JobInput.RetryDue x => x.RunId,
        JobInput.Replay x => x.RunId,
        JobInput.CancelRun x => x.RunId,
        _ => null,
    };

    // An update decides under its new definition: one that turns overlap replace on may replace the runs out at once.
    static bool MayReplace(JobState job, JobInput input) =>
        job.Concurrency?.Overlap == OverlapMode.Replace || input is JobInput.Update { Command.Concurrency.Overlap: OverlapMode.Replace };

    /// <summary>True for an input that may start an occurrence, and so replace the runs out (overlap <c>replace</c>).</summary>
    public static bool MayStartOccurrence(JobInput input) =>
        input is JobInput.OneShotDue or JobInput.OccurrenceDue or JobInput.Trigger or JobInput.Update or JobInput.Upsert or JobInput.Resumption
            or JobInput.PauseEnds or JobInput.Enable or JobInput.Backfill;

    /// <summary>True for an input that stops the job's schedule, and so takes back an armed run still waiting.</summary>
    public static bool MayStopSchedule(JobInput input) =>
        input is JobInput.Update or JobInput.Upsert or JobInput.Pause or JobInput.Cancel or JobInput.Delete or JobInput.Disable
            or JobInput.CancelRun;

    async Task<JobRun?> FindRunAsync(Guid runId, Guid jobId, CancellationToken cancellationToken)
    {
        var run = await db.Runs.FindAsync([runId], cancellationToken);
        return run?.JobId == jobId ? run : null;
    }

    // A text with U+0000 was never stored, and PostgreSQL refuses it even as a query parameter; nor was a job without a
    // tenant (a command's "tenantId": null), which validation rejects.
    async Task<JobState?> FindKeyedJobAsync(string tenantId, string key, CancellationToken cancellationToken) =>
        tenantId is null || tenantId.Contains('\0', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal)
            ? null
            : await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.TenantId == tenantId && j.IdempotencyKey == key, cancellationToken);
}

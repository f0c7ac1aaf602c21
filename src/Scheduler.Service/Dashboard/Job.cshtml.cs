using System.Globalization;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.Api;
using Scheduler.Service.Calendars;
using Scheduler.Service.Handlers;
using Scheduler.Service.Persistence;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Dashboard;

/// <summary>
/// <c>/dashboard/jobs/{id}</c>: a job's definition, its next occurrences, its runs and its audit trail, read through the
/// API's own queries; and the actions on it, sent as the API sends them, named <c>dashboard</c> in the audit trail.
/// </summary>
public sealed class JobModel(SchedulerDbContext db, JobViewReader views, TimeProvider clock, TenantScope tenant, CalendarReader calendars)
    : DashboardPage
{
    /// <summary>How many occurrences ahead the page previews.</summary>
    public const int OccurrencesShown = 5;

    /// <summary>How many runs and audit entries the page shows, newest first.</summary>
    public const int RowsShown = 50;

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public JobResponse? Job { get; private set; }

    public IReadOnlyList<RunResponse> Runs { get; private set; } = [];

    /// <summary>True when the job has more runs than the page shows.</summary>
    public bool MoreRuns { get; private set; }

    public IReadOnlyList<AuditEntryResponse> Audit { get; private set; } = [];

    public int AuditTotal { get; private set; }

    public SchedulePreviewResponse? Occurrences { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // A malformed id finds no job, as the API's route does not match it.
        if (!Guid.TryParse(Id, out var jobId))
            return NotFound();
        Job = ApiAnswer.Value<JobResponse>(await JobsApi.GetJobAsync(jobId, views, cancellationToken));
        if (Job is null)
            return NotFound();

        // The newest runs, a page of GET /api/runs?jobId= (a job may have thousands); the runs page lists them all.
        var runs = ApiAnswer.Value<RunPage>(await RunsApi.ListRunsAsync(null, null, Id, null, null, RowsShown.ToString(CultureInfo.InvariantCulture),
            null, db, cancellationToken));
        Runs = runs?.Items ?? [];
        MoreRuns = runs?.NextCursor is not null;
        var audit = ApiAnswer.Value<List<AuditEntryResponse>>(await JobsApi.GetAuditAsync(jobId, db, cancellationToken)) ?? [];
        AuditTotal = audit.Count;
        Audit = [.. audit.AsEnumerable().Reverse().Take(RowsShown)];
        Occurrences = await PreviewAsync(Job, cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostTriggerAsync([FromServices] IRequestClient<TriggerJob> scheduler, CancellationToken cancellationToken) =>
        ActAsync<TriggerJob, JobTriggered>(scheduler, jobId => new TriggerJob { JobId = jobId }, "triggered", cancellationToken);

    public Task<IActionResult> OnPostPauseAsync([FromServices] IRequestClient<PauseJob> scheduler, CancellationToken cancellationToken) =>
        ActAsync<PauseJob, JobPaused>(scheduler, jobId => new PauseJob { JobId = jobId }, "paused", cancellationToken);

    public Task<IActionResult> OnPostResumeAsync([FromServices] IRequestClient<ResumeJob> scheduler, CancellationToken cancellationToken) =>
        ActAsync<ResumeJob, JobResumed>(scheduler, jobId => new ResumeJob { JobId = jobId }, "resumed", cancellationToken);

    public Task<IActionResult> OnPostCancelAsync([FromServices] IRequestClient<CancelJob> scheduler, CancellationToken cancellationToken) =>
        ActAsync<CancelJob, JobCancelled>(scheduler, jobId => new CancelJob { JobId = jobId }, "cancelled", cancellationToken);

    public Task<IActionResult> OnPostDeleteAsync([FromServices] IRequestClient<DeleteJob> scheduler, CancellationToken cancellationToken) =>
        ActAsync<DeleteJob, JobDeleted>(scheduler, jobId => new DeleteJob { JobId = jobId }, "deleted (its runs and audit trail are kept)", cancellationToken);

    /// <summary>
    /// Sends one command to the job's saga after the same check the API makes (a job of another tenant is not found),
    /// and comes back to the job's page with what happened.
    /// </summary>
    async Task<IActionResult> ActAsync<TCommand, TDone>(IRequestClient<TCommand> scheduler, Func<Guid, TCommand> command, string done,
        CancellationToken cancellationToken)
        where TCommand : class
        where TDone : class
    {
        if (!Guid.TryParse(Id, out var jobId) || ApiAnswer.Value<JobResponse>(await JobsApi.GetJobAsync(jobId, views, cancellationToken)) is not { } job)
            return NotFound();

        var (_, problem) = await JobCommands.SendAsync<TCommand, TDone>(scheduler, command(job.Id), job.Id, Actor, cancellationToken);
        return AfterAction(problem is null ? null : ApiAnswer.Problem(problem), $"Job {job.Name} {done}.", $"{DashboardCookie.Path}/jobs/{job.Id}");
    }

    /// <summary>The next occurrences of a recurring schedule, from <c>GET /api/schedules/preview</c>; null for a one-shot.</summary>
    async Task<SchedulePreviewResponse?> PreviewAsync(JobResponse job, CancellationToken cancellationToken)
    {
        var schedule = job.Schedule;
        if (schedule.Cron is null && schedule.Every is null && schedule.Rrule is null)
            return null;

        static string? Instant(DateTimeOffset? at) => at?.ToString("O", CultureInfo.InvariantCulture);
        static string? Wire<T>(T? policy) where T : struct, Enum => policy is { } value ? JsonNamingPolicy.CamelCase.ConvertName(value.ToString()) : null;
        var answer = await SchedulesApi.PreviewAsync(schedule.Cron, schedule.Every is { } every ? IsoDuration.Format(every) : null, schedule.Rrule,
            schedule.Cron is null && schedule.Rrule is null ? null : schedule.TimeZone, from: null,
            OccurrencesShown.ToString(CultureInfo.InvariantCulture), 
            // An interval counts from its anchor: without a start given, from the job's next run, so the preview matches it.
            Instant(schedule.StartAt ?? (schedule.Every is null ? null : job.NextRunAt)), Instant(schedule.EndAt),
            Wire(schedule.Dst?.Skipped), Wire(schedule.Dst?.Repeated), schedule.Calendar, clock, tenant, calendars, cancellationToken);
        return ApiAnswer.Value<SchedulePreviewResponse>(answer);
    }
}

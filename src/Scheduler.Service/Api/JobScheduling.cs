using Microsoft.AspNetCore.Http.HttpResults;
using MassTransit;
using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Validation;
using Scheduler.Service.Telemetry;

namespace Scheduler.Service.Api;

/// <summary>Sends a validated <see cref="ScheduleJob"/> on behalf of the API and answers with the job as stored: 201 created, 200 existing or replaced.</summary>
internal static class JobScheduling
{
    /// <summary>
    /// Schedules the job <paramref name="body"/> defines for the caller's tenant (the tenant comes from the API key, never
    /// from the body; a job id is generated when absent), once it is valid; <paramref name="actor"/> names the caller in the audit trail.
    /// </summary>
    public static async Task<Results<Created<JobResponse>, Ok<JobResponse>, ApiProblem>> ScheduleAsync(ScheduleJob body, string tenantId,
        string actor, ScheduleJobValidator validator, TimeProvider clock,
        IRequestClient<ScheduleJob> scheduler, JobViewReader views, SchedulerMetrics metrics,
        CancellationToken cancellationToken)
    {
        var command = body with { JobId = body.JobId == Guid.Empty ? Guid.CreateVersion7() : body.JobId, TenantId = tenantId };
        var errors = validator.Validate(command, requireJobId: false, clock.GetUtcNow());
        if (errors.Count > 0)
        {
            metrics.Rejected();
            return ApiProblems.Invalid(errors);
        }

        return await SendAsync(command, actor, scheduler, views, cancellationToken);
    }

    static async Task<Results<Created<JobResponse>, Ok<JobResponse>, ApiProblem>> SendAsync(ScheduleJob command, string actor,
        IRequestClient<ScheduleJob> scheduler, JobViewReader views, CancellationToken cancellationToken)
    {
        // An idempotency key used before, or a key a job has, is answered by the job's rules (JobDecider) with that job.
        Response<JobScheduled, JobRejected> response;
        try
        {
            response = await scheduler.GetResponse<JobScheduled, JobRejected>(command,
                x => x.UseExecute(context => context.Headers.Set(JobActor.Header, actor)), cancellationToken);
        }
        catch (RequestTimeoutException)
        {
            return ApiProblems.Unavailable($"Job {command.JobId} was sent to the scheduler, which has not confirmed it yet.");
        }

        if (response.Is(out Response<JobRejected>? rejected) && rejected is not null)
            return ApiProblems.Invalid(rejected.Message.Errors);

        if (!response.Is(out Response<JobScheduled>? accepted) || accepted is null)
            return ApiProblems.Unavailable($"The scheduler answered job {command.JobId} with an unexpected message.");

        var scheduled = accepted.Message;
        var view = await views.ReadAsync(scheduled.JobId, cancellationToken);
        if (view is null)
            return ApiProblems.Conflict($"Job {scheduled.JobId} belongs to another tenant: choose another job id.");
        return scheduled.Created
            ? TypedResults.Created($"/api/jobs/{view.Id}", view)
            : TypedResults.Ok(view);
    }
}

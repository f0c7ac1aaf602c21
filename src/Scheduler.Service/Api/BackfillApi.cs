using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary><c>POST /api/jobs/{id}/backfill</c>: run a recurring job's occurrences in a range, oldest first.</summary>
public static class BackfillApi
{
    public static IEndpointRouteBuilder MapBackfillApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization(ApiKeyAuthentication.MemberPolicy);

        jobs.MapPost("/{id:guid}/backfill", BackfillAsync)
            .WithName("BackfillJob")
            .WithSummary("Run every occurrence of the job's schedule from `from` (inclusive) to `to` (exclusive), oldest first, its calendar "
                + "applied and its overlap policy obeyed; each is in the occurrence ledger as backfilled; at most 10,000 occurrences")
            .Accepts<BackfillRequest>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    static async Task<Results<Ok<JobBackfilled>, ApiProblem>> BackfillAsync([FromRoute(Name = "id")] Guid jobId, HttpRequest request,
        IRequestClient<BackfillJob> scheduler, SchedulerDbContext db,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync<BackfillRequest>(request, cancellationToken);
        if (problem is not null)
            return problem;

        var errors = new List<FieldError>();
        if (body!.From is null)
            errors.Add(new("from", "is required: an ISO 8601 instant, the first of the range"));
        if (body.To is null)
            errors.Add(new("to", "is required: an ISO 8601 instant, the end of the range (exclusive)"));
        else if (body.To <= body.From)
            errors.Add(new("to", "must be after from"));
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.CorrelationId == jobId, cancellationToken);
        if (job is null)
            return ApiProblems.JobNotFound(jobId);

        // Counted here too, so that a range too long is a bad request naming the field; the decider refuses it all the same.
        if (job.IsRecurring() && JobDecider.BackfillOccurrences(JobDecider.BackfillRule(job), body.From!.Value, body.To!.Value) is null)
            return ApiProblems.Invalid("to", $"the range holds more than {JobDecider.MaxBackfillOccurrences:N0} occurrences of the schedule: backfill a shorter one");

        var command = new BackfillJob { JobId = jobId, From = body.From!.Value, To = body.To!.Value };
        var (done, refused) = await JobCommands.SendAsync<BackfillJob, JobBackfilled>(scheduler, command, jobId, request.HttpContext.User,
            cancellationToken);
        if (refused is not null)
            return refused;
        return TypedResults.Ok(done);
    }
}

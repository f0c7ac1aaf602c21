using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Persistence;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary><c>/api/jobs/{id}/occurrences</c>: the occurrence ledger, every due instant of a job and what became of it.</summary>
public static class OccurrencesApi
{
    public static IEndpointRouteBuilder MapOccurrencesApi(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization(ApiKeyAuthentication.MemberPolicy);

        jobs.MapGet("/{id:guid}/occurrences", ListAsync)
            .WithName("ListJobOccurrences")
            .WithSummary("The job's occurrence ledger, oldest due instant first: ran (with its run), queued, skipped (overlap), excluded "
                + "(calendar), misfired, coalesced, paused, disabled; from (inclusive) and to (exclusive) on the due instant; ?limit and ?cursor page")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    static async Task<Results<Ok<OccurrencePage>, ApiProblem>> ListAsync([FromRoute(Name = "id")] Guid jobId, string? from, string? to,
        string? limit, string? cursor, SchedulerDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var since = RunsApi.Instant("from", from, errors);
        var until = RunsApi.Instant("to", to, errors);
        if (since is not null && until is not null && until < since)
            errors.Add(new("to", "must not be before from"));
        var (size, pageStart) = ListQuery.Page(limit, cursor, errors);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);
        if (!await db.Jobs.AnyAsync(j => j.CorrelationId == jobId, cancellationToken))
            return ApiProblems.JobNotFound(jobId);

        var query = db.Occurrences.AsNoTracking().Where(o => o.JobId == jobId);
        if (since is { } start)
            query = query.Where(o => o.DueAt >= start);
        if (until is { } end)
            query = query.Where(o => o.DueAt < end);
        if (pageStart is { } after)
            query = query.Where(o => o.DueAt > after.CreatedAt || (o.DueAt == after.CreatedAt && o.Id.CompareTo(after.Id) > 0));

        var page = await query.OrderBy(o => o.DueAt).ThenBy(o => o.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = page.Count > size ? new PageCursor(page[size - 1].DueAt, page[size - 1].Id).Encode() : null;
        return TypedResults.Ok(new OccurrencePage(page.Take(size).Select(OccurrenceResponse.From).ToList(), next));
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary>
/// <c>/api/audit</c> (admin): the audit trail of the admin's tenant across its jobs, with the entries that concern no job
/// (API keys created and revoked, the scheduler paused and resumed), newest first, filtered and paged by cursor.
/// </summary>
public static class AuditApi
{
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(ApiKeyAuthentication.AdminPolicy)
            .MapGet("/", ListAuditAsync)
            .WithName("ListAudit")
            .WithSummary("Audit entries of all jobs and of the service (keys, scheduler pause), newest first; filters actor (a trailing * matches a prefix), jobId, event, from and to (on at); ?limit and ?cursor page")
            .ProducesValidationProblem();
        return app;
    }

    internal static async Task<Results<Ok<AuditPage>, ApiProblem>> ListAuditAsync(string? actor, string? jobId, string? @event, string? from,
        string? to, string? limit, string? cursor, SchedulerDbContext db, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var prefix = actor is not null && actor.EndsWith('*') ? actor[..^1] : null;
        if (actor is not null && ((prefix ?? actor).Length is 0 or > GlobalAudit.MaxActorLength || (prefix ?? actor).Contains('*', StringComparison.Ordinal)))
            errors.Add(new("actor", $"must be 1 to {GlobalAudit.MaxActorLength} characters; a * at its end (and only there) matches a prefix"));

        Guid? job = null;
        if (jobId is not null)
        {
            if (Guid.TryParse(jobId, out var parsed) && parsed != GlobalAudit.NoJob)
                job = parsed;
            else
                errors.Add(new("jobId", "must be a GUID (not the empty one)"));
        }

        var wanted = ListQuery.Status<AuditEvent>(@event, errors, "event");
        var since = RunsApi.Instant("from", from, errors);
        var until = RunsApi.Instant("to", to, errors);
        if (since is not null && until is not null && until < since)
            errors.Add(new("to", "must not be before from"));

        var (size, _) = ListQuery.Page(limit, null, errors);
        AuditCursor after = default;
        if (cursor is not null && !AuditCursor.TryDecode(cursor, out after))
            errors.Add(new("cursor", "is not a cursor this API returned"));
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors);

        // The tenant's query filter keeps other tenants' entries out.
        var query = db.Audit.AsNoTracking();
        if (prefix is not null)
            query = query.Where(a => a.Actor.StartsWith(prefix));
        else if (actor is not null)
            query = query.Where(a => a.Actor == actor);
        if (job is { } id)
            query = query.Where(a => a.JobId == id);
        if (wanted is { } kind)
        {
            var name = kind.ToWireName();
            query = query.Where(a => a.Event == name);
        }

        if (since is { } start)
            query = query.Where(a => a.At >= start);
        if (until is { } end)
            query = query.Where(a => a.At < end);
        if (cursor is not null)
            query = query.Where(a => a.Id < after.Id);

        var page = await query.OrderByDescending(a => a.Id).Take(size + 1).ToListAsync(cancellationToken);
        var next = page.Count > size ? new AuditCursor(page[size - 1].Id).Encode() : null;
        return TypedResults.Ok(new AuditPage(page.Take(size).Select(AuditEntryResponse.From).ToList(), next));
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Calendars;
using Scheduler.Service.Persistence;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary>
/// <c>/api/calendars</c>: a tenant's named calendars, which schedules name to leave out the instants they exclude.
/// A change applies to the next occurrence of every job that names the calendar.
/// </summary>
public static class CalendarsApi
{
    /// <summary>The most calendars a tenant keeps: each is read whole for every occurrence of the jobs naming it.</summary>
    public const int MaxCalendars = 1000;

    public static IEndpointRouteBuilder MapCalendarsApi(this IEndpointRouteBuilder app)
    {
        var calendars = app.MapGroup("/api/calendars").WithTags("Calendars").RequireAuthorization(ApiKeyAuthentication.MemberPolicy);

        calendars.MapPut("/{name}", PutAsync)
            .WithName("PutCalendar").WithSummary("Create (201) or replace (200) a calendar: {timeZone, exclude: {dates, weekdays, timesOfDay, cron}}")
            .Accepts<CalendarDefinition>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        calendars.MapGet("/", ListAsync).WithName("ListCalendars").WithSummary("The tenant's calendars by name");
        calendars.MapGet("/{name}", GetAsync).WithName("GetCalendar").WithSummary("One calendar").ProducesProblem(StatusCodes.Status404NotFound);
        calendars.MapDelete("/{name}", DeleteAsync)
            .WithName("DeleteCalendar").WithSummary("Delete a calendar; refused (409) while a job still to run names it")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    static async Task<Results<Created<CalendarResponse>, Ok<CalendarResponse>, ApiProblem>> PutAsync(string name, HttpRequest request,
        SchedulerDbContext db, TenantScope tenant, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!CalendarRules.IsName(name))
            return ApiProblems.Invalid("name", "must be 1 to 64 letters, digits, '.', '-' or '_', starting with a letter or digit");

        var (body, problem) = await JsonRequestBody.ReadAsync<CalendarDefinition>(request, cancellationToken);
        if (problem is not null)
            return problem;
        if (CalendarRules.Read(name, body!, out var errors) is null)
            return ApiProblems.Invalid(errors);

        var now = clock.GetUtcNow();
        var tenantId = tenant.TenantId!;
        var calendar = await db.Calendars.SingleOrDefaultAsync(c => c.TenantId == tenantId && c.Name == name, cancellationToken);
        var created = calendar is null;
        if (calendar is null)
        {
            if (await db.Calendars.CountAsync(c => c.TenantId == tenantId, cancellationToken) >= MaxCalendars)
                return ApiProblems.Status(StatusCodes.Status409Conflict, "Too many calendars", $"A tenant keeps at most {MaxCalendars} calendars: delete one first.");
            calendar = new JobCalendar { TenantId = tenantId, Name = name, CreatedAt = now };
            db.Calendars.Add(calendar);
        }

        calendar.Definition = body!;
        calendar.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        var response = CalendarResponse.From(calendar);
        return created ? TypedResults.Created($"/api/calendars/{Uri.EscapeDataString(name)}", response) : TypedResults.Ok(response);
    }

    static async Task<Ok<List<CalendarResponse>>> ListAsync(SchedulerDbContext db, TenantScope tenant, CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId!;
        var calendars = await db.Calendars.AsNoTracking().Where(c => c.TenantId == tenantId).OrderBy(c => c.Name).Take(MaxCalendars)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(calendars.Select(CalendarResponse.From).ToList());
    }

    static async Task<Results<Ok<CalendarResponse>, ApiProblem>> GetAsync(string name, SchedulerDbContext db, TenantScope tenant,
        CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId!;
        var calendar = await db.Calendars.AsNoTracking().SingleOrDefaultAsync(c => c.TenantId == tenantId && c.Name == name, cancellationToken);
        return calendar is null ? NotFound(name) : TypedResults.Ok(CalendarResponse.From(calendar));
    }

    static async Task<Results<NoContent, ApiProblem>> DeleteAsync(string name, SchedulerDbContext db, TenantScope tenant,
        CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId!;
        var calendar = await db.Calendars.SingleOrDefaultAsync(c => c.TenantId == tenantId && c.Name == name, cancellationToken);
        if (calendar is null)
            return NotFound(name);

        var users = await CalendarUsage.JobsUsingAsync(db, tenantId, name, cancellationToken);
        if (users > 0)
            return ApiProblems.Status(StatusCodes.Status409Conflict, "The calendar is in use", $"Calendar '{name}' is named by {users} job(s) still to run: change or delete them first.");

        db.Calendars.Remove(calendar);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    static ApiProblem NotFound(string name) =>
        ApiProblems.Status(StatusCodes.Status404NotFound, "Calendar not found", $"No calendar named '{name}' in this tenant.");
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Service.Calendars;
using Scheduler.Service.Scheduling;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary><c>/api/schedules</c>: try a schedule before using it, by listing its next occurrences.</summary>
public static class SchedulesApi
{
    public static IEndpointRouteBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        var schedules = app.MapGroup("/api/schedules").WithTags("Schedules").RequireAuthorization(ApiKeyAuthentication.MemberPolicy);

        schedules.MapGet("/preview", PreviewAsync)
            .WithName("PreviewSchedule")
            .WithSummary("The next occurrences of a cron expression, interval or RFC 5545 recurrence rule")
            .WithDescription("Exactly one of cron, every (ISO 8601 duration) or rrule; timeZone (IANA, default UTC) for cron and rrule; "
                + "from (ISO 8601 instant with offset, default now): occurrences strictly after it; count 1 to 100 (default 10); "
                + "optional startAt (inclusive) and endAt (exclusive); for cron, dstSkipped (runAfter|skip) and dstRepeated (first|both). "
                + "An occurrence a DST change moved or doubled carries dst: moved or repeated. calendar names one of the tenant's calendars: "
                + "each occurrence it excludes carries excluded: {calendar, reason}.")
            .ProducesValidationProblem();
        return app;
    }

    // Every value is read as text so that a bad one is answered field by field rather than by the binder's bare 400.
    internal static async Task<Results<Ok<SchedulePreviewResponse>, ApiProblem>> PreviewAsync([FromQuery] string? cron,
        [FromQuery] string? every, [FromQuery] string? rrule, [FromQuery] string? timeZone,
        [FromQuery] string? from, [FromQuery] string? count, [FromQuery] string? startAt, [FromQuery] string? endAt,
        [FromQuery] string? dstSkipped, [FromQuery] string? dstRepeated, [FromQuery] string? calendar, [FromServices] TimeProvider clock,
        [FromServices] TenantScope tenant, [FromServices] CalendarReader calendars, CancellationToken cancellationToken)
    {
        var request = new SchedulePreviewRequest
        {
            Cron = cron, Every = every, Rrule = rrule, TimeZone = timeZone, From = from, Count = count, StartAt = startAt, EndAt = endAt,
            DstSkipped = dstSkipped, DstRepeated = dstRepeated,
        };
        var preview = SchedulePreview.Create(request, clock.GetUtcNow());
        var errors = preview.Errors.ToList();
        var rules = calendar is null ? null : await calendars.ReadAsync(tenant.TenantId, calendar, cancellationToken);
        if (calendar is not null && rules is null)
            errors.Add(new("calendar", $"there is no calendar named '{calendar}' in this tenant"));

        return preview.Rule is { } rule && errors.Count == 0
            ? TypedResults.Ok(SchedulePreviewResponse.From(rule, preview.Occurrences, rules))
            : ApiProblems.Invalid(errors);
    }
}

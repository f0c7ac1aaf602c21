using Microsoft.AspNetCore.Mvc;
using Scheduler.Service.Scheduling;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary><c>/api/schedules</c>: try a schedule before using it, by listing its next occurrences.</summary>
public static class SchedulesApi
{
    public static IEndpointRouteBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        var schedules = app.MapGroup("/api/schedules").WithTags("Schedules").RequireAuthorization(ApiKeyAuthentication.MemberPolicy);

        schedules.MapGet("/preview", Preview)
            .WithName("PreviewSchedule")
            .WithSummary("The next occurrences of a cron expression, interval or RFC 5545 recurrence rule")
            .WithDescription("Exactly one of cron, every (ISO 8601 duration) or rrule; timeZone (IANA, default UTC) for cron and rrule; "
                + "from (ISO 8601 instant with offset, default now): occurrences strictly after it; count 1 to 100 (default 10); "
                + "optional startAt (inclusive) and endAt (exclusive); for cron, dstSkipped (runAfter|skip) and dstRepeated (first|both). "
                + "An occurrence a DST change moved or doubled carries dst: moved or repeated.")
            .Produces<SchedulePreviewResponse>()
            .ProducesValidationProblem();
        return app;
    }

    // Every value is read as text so that a bad one is answered field by field rather than by the binder's bare 400.
    static IResult Preview([FromQuery] string? cron, [FromQuery] string? every, [FromQuery] string? rrule, [FromQuery] string? timeZone,
        [FromQuery] string? from, [FromQuery] string? count, [FromQuery] string? startAt, [FromQuery] string? endAt,
        [FromQuery] string? dstSkipped, [FromQuery] string? dstRepeated, [FromServices] TimeProvider clock)
    {
        var request = new SchedulePreviewRequest
        {
            Cron = cron, Every = every, Rrule = rrule, TimeZone = timeZone, From = from, Count = count, StartAt = startAt, EndAt = endAt,
            DstSkipped = dstSkipped, DstRepeated = dstRepeated,
        };
        var preview = SchedulePreview.Create(request, clock.GetUtcNow());
        return preview.Rule is { } rule
            ? TypedResults.Ok(SchedulePreviewResponse.From(rule, preview.Occurrences))
            : ApiProblems.Invalid(preview.Errors);
    }
}

namespace Scheduler.Service.Api;

/// <summary>The body of <c>POST /api/jobs/{id}/backfill</c>: the range whose occurrences run, <see cref="From"/> inclusive, <see cref="To"/> exclusive.</summary>
public sealed record BackfillRequest
{
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }
}

using Scheduler.Service.Ledger;

namespace Scheduler.Service.Api;

/// <summary>One entry of a job's occurrence ledger: a due instant and what became of it.</summary>
/// <param name="DueAt">The instant the occurrence was due.</param>
/// <param name="Fate"><c>ran</c>, <c>queued</c>, <c>skipped</c> (overlap), <c>excluded</c> (calendar), <c>misfired</c>, <c>coalesced</c>, <c>paused</c> or <c>disabled</c>.</param>
/// <param name="RunId">The run opened for it, when one was.</param>
/// <param name="Detail">Why, in words.</param>
/// <param name="Backfill">True for an occurrence a backfill asked for.</param>
/// <param name="RecordedAt">When the fate was decided.</param>
public sealed record OccurrenceResponse(DateTimeOffset DueAt, string Fate, Guid? RunId, string? Detail, bool Backfill, DateTimeOffset RecordedAt)
{
    public static OccurrenceResponse From(OccurrenceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new(record.DueAt, record.Fate, record.RunId, record.Detail, record.Backfill, record.RecordedAt);
    }
}

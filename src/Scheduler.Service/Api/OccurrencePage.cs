namespace Scheduler.Service.Api;

/// <summary>One page of a job's occurrence ledger: oldest due instant first; <see cref="NextCursor"/> fetches the next page, null on the last.</summary>
public sealed record OccurrencePage(IReadOnlyList<OccurrenceResponse> Items, string? NextCursor);

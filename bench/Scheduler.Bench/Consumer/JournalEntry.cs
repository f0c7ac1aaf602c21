namespace Scheduler.Bench.Consumer;

/// <summary>A handler started or ended one attempt (<paramref name="Attempt"/>) of a run of the occurrence of <paramref name="JobId"/> due at <paramref name="ScheduledFor"/>.</summary>
public sealed record JournalEntry(string Kind, Guid RunId, int Attempt, Guid JobId, DateTimeOffset ScheduledFor);

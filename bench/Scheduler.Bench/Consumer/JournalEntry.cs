namespace Scheduler.Bench.Consumer;

/// <summary>A handler started or ended one attempt of a run.</summary>
public sealed record JournalEntry(string Kind, Guid RunId, int Attempt);

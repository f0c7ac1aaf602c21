namespace Scheduler.Service.Declarations;

/// <summary>What applying the declared jobs did, by key: created, changed (definition or enabled), left alone, or rejected with its errors.</summary>
public sealed record DeclaredJobsReport(
    IReadOnlyList<string> Created,
    IReadOnlyList<string> Changed,
    IReadOnlyList<string> Unchanged,
    IReadOnlyDictionary<string, string[]> Rejected);

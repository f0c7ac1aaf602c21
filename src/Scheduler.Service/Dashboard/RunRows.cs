using Scheduler.Service.Api;

namespace Scheduler.Service.Dashboard;

/// <summary>What the table of runs shows: the runs, whether to name their jobs, and whether dead letters get a replay button.</summary>
public sealed record RunRows(IReadOnlyList<RunResponse> Runs, bool ShowJob, bool CanReplay, IReadOnlyDictionary<Guid, string>? JobNames = null);

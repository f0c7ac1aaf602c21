using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle.Differential;

/// <summary>A job and its runs as stored, for the generator to pick plausible (and implausible) next inputs from.</summary>
public sealed record JobView(JobState? Job, IReadOnlyList<JobRun> Runs);

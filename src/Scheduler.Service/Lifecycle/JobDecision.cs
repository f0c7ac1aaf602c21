namespace Scheduler.Service.Lifecycle;

/// <summary>
/// What <see cref="JobDecider"/> decided: the job as it becomes, its status (null when there is no job: a command
/// that created none, or a purge), and the effects to carry out with it, in order.
/// </summary>
public sealed record JobDecision(JobState Job, JobStatus? Status, IReadOnlyList<JobEffect> Effects);

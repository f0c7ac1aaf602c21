namespace Scheduler.Service.Api;

/// <summary>
/// The answer to <c>POST /api/jobs/{id}/trigger</c>: <c>started</c> (with the new run's id), <c>queued</c> behind a
/// running one, or <c>skipped</c> because the job is at its concurrency limit; and the job as stored after it.
/// </summary>
public sealed record TriggerResponse(string Outcome, Guid? RunId, JobResponse Job);

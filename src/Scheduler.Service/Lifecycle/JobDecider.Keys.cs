using Scheduler.Contracts;

namespace Scheduler.Service.Lifecycle;

// Keys: a schedule command whose key names a job replaces that job's definition (an upsert).
public static partial class JobDecider
{
    // The same definition again changes nothing, so that declaring a job at every start does not restart its schedule.
    // A new one takes effect as an update does; a finished or cancelled job is scheduled again under it.
    static void Upsert(JobChange change, JobInput.Upsert input)
    {
        var job = change.Job;
        if (input.Errors.Count > 0)
        {
            change.Reply(Rejected(job, input.Errors, change.Now));
            return;
        }

        if (job.DeletedAt is not null)
        {
            change.Reply(Rejected(job, [new FieldError("key", $"names job {job.CorrelationId}, which is deleted")], change.Now));
            return;
        }

        var definition = input.Command with { JobId = job.CorrelationId, TenantId = job.TenantId };
        if (JobDefinition.Matches(job, definition))
        {
            change.Reply(Scheduled(job, created: false, change.Now));
            return;
        }

        Redefine(change, definition, input.Actor);
        change.Reply(Scheduled(job, created: false, change.Now) with { Updated = true });
    }
}

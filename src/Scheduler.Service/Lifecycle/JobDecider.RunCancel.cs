using Scheduler.Contracts;
using Scheduler.Service.History;

namespace Scheduler.Service.Lifecycle;

// A run cancelled on request: it ends cancelled, is not retried, frees its slot, and its consumer is told to stop.
public static partial class JobDecider
{
    static void CancelRun(JobChange change, JobInput.CancelRun input)
    {
        var job = change.Job;

        // An armed run still waiting in the due table has not gone anywhere: holding the job takes it back.
        if (job.ArmedRunId == input.RunId && change.Facts.ArmedRunWaiting)
        {
            change.Reply(new JobCommandRejected
            {
                JobId = job.CorrelationId,
                Reason = $"Run {input.RunId} has not been sent yet (due at {Format(job.NextRunAt ?? change.Now)}): pause, disable or cancel the job instead.",
            });
            return;
        }

        OpenArmedRun(change, input.RunId, startedAt: null);
        var run = change.Run(input.RunId);
        var refusal = run switch
        {
            null => $"Run {input.RunId} is not a run of job {job.CorrelationId}.",
            { IsFinished: true } => $"Run {run.Id} is {run.Status.ToWireName()}: only a pending or running run can be cancelled.",
            _ => null,
        };
        if (refusal is not null)
        {
            change.Reply(new JobCommandRejected { JobId = job.CorrelationId, Reason = refusal });
            return;
        }

        // A retry waiting for its backoff was never sent: there is no consumer to tell.
        var sent = run!.SentAt is not null || run.Status == RunStatus.Running;
        var from = change.Status!.Value;
        run.Status = RunStatus.Cancelled;
        run.CompletedAt = change.Now;
        FinishOccurrence(change, run);
        var dequeued = StartQueued(change);
        change.Audit(AuditEvent.RunCancelled, input.Actor, from, AfterRun(change), run.Id,
            input.Reason is null ? $"attempt {run.Attempt}" : $"attempt {run.Attempt}: {input.Reason}");
        RecordDequeued(change, dequeued);
        if (sent)
            change.Publish(new JobRunAbandoned { JobId = job.CorrelationId, RunId = run.Id, Reason = $"cancelled by {input.Actor}" });
        change.Reply(new RunCancelled { JobId = job.CorrelationId, RunId = run.Id, Timestamp = change.Now });
        change.Status = AfterRun(change);
    }
}

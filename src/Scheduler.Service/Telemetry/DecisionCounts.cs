using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;

namespace Scheduler.Service.Telemetry;

/// <summary>
/// Counts what a decision announces, as it is sent: a job admitted or rejected (once, though the decision may both
/// answer and publish it), each retry scheduled and each run dead-lettered. Reads the decision's effects only: no query.
/// </summary>
public static class DecisionCounts
{
    public static void Count(SchedulerMetrics metrics, JobDecision decision)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(decision);

        var admitted = false;
        var rejected = false;
        foreach (var effect in decision.Effects)
        {
            switch (effect)
            {
                case JobEffect.ScheduleRetry:
                    metrics.RetryScheduled(decision.Job.Handler);
                    break;
                case JobEffect.Publish { Message: JobRunFaulted faulted }:
                    metrics.DeadLettered(faulted.Handler);
                    break;
                case JobEffect.Reply { Message: JobScheduled { Created: true } } or JobEffect.Publish { Message: JobScheduled { Created: true } }:
                    admitted = true;
                    break;
                case JobEffect.Reply { Message: JobRejected } or JobEffect.Publish { Message: JobRejected }:
                    rejected = true;
                    break;
            }
        }

        if (admitted)
            metrics.Admitted();
        if (rejected)
            metrics.Rejected();
    }
}

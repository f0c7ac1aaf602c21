using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Scheduling.Endpoint;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Hosting;

/// <summary>The queues every service instance consumes: the saga, the message scheduler, admission, run reports, due messages and run progress.</summary>
public static class ServiceQueues
{
    /// <summary>The queue names, the saga's first.</summary>
    public static IReadOnlyList<string> Consumed { get; } =
    [
        JobStateDefinition.QueueName, SchedulerEndpoint.QueueName, JobAdmissionDefinition.QueueName, JobBatchAdmissionDefinition.QueueName,
        RunReportDefinition.QueueName, JobDueDefinition.QueueName, RunProgressConsumer.QueueName,
    ];
}

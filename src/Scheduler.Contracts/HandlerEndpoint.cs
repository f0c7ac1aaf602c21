namespace Scheduler.Contracts;

/// <summary>
/// Where a handler's runs are sent: one queue per handler, <c>scheduler-handler-{name}</c>, bound to an exchange of the
/// same name. On RabbitMQ the queue is a priority queue (<c>x-max-priority</c> = <see cref="MaxPriority"/>), declared by
/// whichever side comes first — the scheduler or a consumer — with the same arguments.
/// </summary>
public static class HandlerEndpoint
{
    const string Prefix = "scheduler-handler-";

    /// <summary>The queue's <c>x-max-priority</c>: one level per <see cref="JobPriority"/>.</summary>
    public const byte MaxPriority = 4;

    /// <summary>The queue name for a handler: <c>scheduler-handler-{name}</c>.</summary>
    public static string QueueName(string handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        return Prefix + handler;
    }

    /// <summary>
    /// The send address of a handler's queue: its exchange, so that a sender does not declare the queue with
    /// arguments other than the priority queue's.
    /// </summary>
    public static Uri Address(string handler) => new($"exchange:{QueueName(handler)}");

    /// <summary>The message priority of a run: low 1, normal 2, high 3, critical 4.</summary>
    public static byte Priority(JobPriority priority) => priority switch
    {
        JobPriority.Low => 1,
        JobPriority.High => 3,
        JobPriority.Critical => MaxPriority,
        _ => 2,
    };
}

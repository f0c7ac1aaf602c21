namespace Scheduler.Contracts;

/// <summary>Where a handler's runs are sent: one queue per handler.</summary>
public static class HandlerEndpoint
{
    const string Prefix = "scheduler-handler-";

    /// <summary>The queue name for a handler: <c>scheduler-handler-{name}</c>.</summary>
    public static string QueueName(string handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        return Prefix + handler;
    }

    /// <summary>The send address of a handler's queue.</summary>
    public static Uri Address(string handler) => new($"queue:{QueueName(handler)}");
}

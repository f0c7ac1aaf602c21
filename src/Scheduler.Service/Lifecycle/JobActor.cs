using MassTransit;

namespace Scheduler.Service.Lifecycle;

/// <summary>Who an input came from, as the audit trail names them.</summary>
public static class JobActor
{
    /// <summary>Header a sender sets to name itself in the audit trail (the REST API sends <c>api</c>).</summary>
    public const string Header = "Scheduler-Actor";

    /// <summary>The sender the header names, else the address it sent from.</summary>
    public static string Of(ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Headers.Get<string>(Header) is { Length: > 0 } actor
            ? actor
            : context.SourceAddress is { } source ? $"bus:{source.AbsolutePath.Trim('/')}" : "bus";
    }
}

using MassTransit;

namespace Scheduler.Service.Lifecycle;

/// <summary>Who an input came from, as the audit trail names them.</summary>
public static class JobActor
{
    /// <summary>
    /// Header a sender sets to name itself in the audit trail: the REST API sends the caller's key
    /// (<see cref="Tenancy.ApiKeyActor"/>), a follow-up its parent job (<c>job:&lt;id&gt;</c>).
    /// </summary>
    public const string Header = "Scheduler-Actor";

    /// <summary>The sender the header names, else the endpoint it sent from (<see cref="OfSource"/>).</summary>
    public static string Of(ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Headers.Get<string>(Header) is { Length: > 0 } actor ? actor : OfSource(context.SourceAddress);
    }

    /// <summary>
    /// <c>bus:&lt;endpoint&gt;</c>: the last segment of the envelope's source address, which is the queue the sender sent
    /// from (a service's receive endpoint, or MassTransit's per-process bus endpoint), without the virtual host or the
    /// broker's address; <c>bus</c> when the envelope names no source.
    /// </summary>
    public static string OfSource(Uri? source)
    {
        var endpoint = source?.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return endpoint is { Length: > 0 } ? $"bus:{Uri.UnescapeDataString(endpoint)}" : "bus";
    }
}

namespace Scheduler.Consumers.Http;

/// <summary>A request the configuration does not allow: a host off the allow-list, or a forbidden address.</summary>
public sealed class OutboundRequestRefusedException : Exception
{
    public OutboundRequestRefusedException()
    {
    }

    public OutboundRequestRefusedException(string message)
        : base(message)
    {
    }

    public OutboundRequestRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

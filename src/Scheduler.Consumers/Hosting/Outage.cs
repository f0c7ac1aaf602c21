using System.Net.Sockets;
using MassTransit;
using Npgsql;
using RabbitMQ.Client.Exceptions;

namespace Scheduler.Consumers.Hosting;

/// <summary>
/// Tells a fault of the database or the broker (the message is fine, the world around it is not) from a fault of the
/// message or the code. The first is worth waiting out; the second is not.
/// </summary>
public static class Outage
{
    /// <summary>
    /// True when <paramref name="exception"/>, or one it wraps, says PostgreSQL or RabbitMQ could not be reached or could
    /// not serve: connection refused or lost, too many clients (53300), an administrator or crash shutdown or a server
    /// still starting (57P01, 57P02, 57P03), a failover, a deadlock or serialization failure, an exhausted connection pool,
    /// a timeout; a broker connection or channel that is closed or unreachable, a publish the broker did not confirm.
    /// </summary>
    public static bool IsCauseOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is AggregateException aggregate && aggregate.InnerExceptions.Any(IsCauseOf))
                return true;
            if (IsOutage(inner))
                return true;
        }

        return false;
    }

    static bool IsOutage(Exception exception) => exception switch
    {
        // Npgsql marks as transient what a retry may cure: network errors, timeouts (the pool's too), and the server
        // states above; a syntax error, a constraint violation or a missing table are not.
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutException or SocketException => true,
        MassTransit.ConnectionException or TransportUnavailableException or MessageNotAcknowledgedException => true,
        OperationInterruptedException or BrokerUnreachableException or ConnectFailureException or RabbitMQ.Client.Exceptions.PublishException => true,
        _ => false,
    };
}

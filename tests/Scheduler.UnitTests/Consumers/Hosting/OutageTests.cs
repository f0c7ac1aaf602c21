using System.Net.Sockets;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;
using Scheduler.Consumers.Hosting;

namespace Scheduler.UnitTests.Consumers.Hosting;

public sealed class OutageTests
{
    static PostgresException Postgres(string sqlState) => new("server says no", "FATAL", "FATAL", sqlState);

    static ShutdownEventArgs ChannelClosed => new(ShutdownInitiator.Peer, 320, "CONNECTION_FORCED - broker forced connection closure");

    static readonly Dictionary<string, Exception> Outages = new()
    {
        ["too many clients (53300)"] = Postgres(PostgresErrorCodes.TooManyConnections),
        ["administrator shutdown (57P01)"] = Postgres(PostgresErrorCodes.AdminShutdown),
        ["crash shutdown (57P02)"] = Postgres(PostgresErrorCodes.CrashShutdown),
        ["cannot connect now (57P03)"] = Postgres(PostgresErrorCodes.CannotConnectNow),
        ["connection failure (08006)"] = Postgres(PostgresErrorCodes.ConnectionFailure),
        ["serialization failure (40001)"] = Postgres(PostgresErrorCodes.SerializationFailure),
        ["connection refused"] = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)),
        ["pool exhausted"] = new NpgsqlException("The connection pool has been exhausted, either raise 'Max Pool Size' or 'Timeout'", new TimeoutException()),
        ["connection lost mid-read"] = new NpgsqlException("Exception while reading from stream", new IOException("Unable to read data")),
        ["a timeout"] = new TimeoutException("Timeout during reading attempt"),
        ["a socket error"] = new SocketException((int)SocketError.HostUnreachable),
        ["EF's wrapper around a transient failure"] = new InvalidOperationException("An exception has been raised that is likely due to a transient failure.",
            Postgres(PostgresErrorCodes.TooManyConnections)),
        ["a save that lost its connection"] = new DbUpdateException("An error occurred while saving the entity changes.",
            new NpgsqlException("Exception while writing to stream", new IOException("Broken pipe"))),
        ["one of several faults"] = new AggregateException(new ArgumentException("unrelated"), new TimeoutException()),
        ["MassTransit cannot connect to RabbitMQ"] = new RabbitMqConnectionException("Broker unreachable: guest@127.0.0.1:5672/"),
        ["the transport is unavailable"] = new TransportUnavailableException("Message ACK failed"),
        ["the broker did not acknowledge a publish"] = new MessageNotAcknowledgedException(new Uri("rabbitmq://127.0.0.1/scheduler-jobs"), "The message was not acknowledged"),
        ["a closed channel"] = new AlreadyClosedException(ChannelClosed),
        ["an interrupted operation"] = new OperationInterruptedException(ChannelClosed),
        ["an unreachable broker"] = new BrokerUnreachableException(new SocketException((int)SocketError.ConnectionRefused)),
        ["a publish the broker refused"] = new RabbitMQ.Client.Exceptions.PublishException(7, isReturn: false),
    };

    static readonly Dictionary<string, Exception> Faults = new()
    {
        ["unique violation (23505)"] = Postgres(PostgresErrorCodes.UniqueViolation),
        ["undefined table (42P01)"] = Postgres(PostgresErrorCodes.UndefinedTable),
        ["syntax error (42601)"] = Postgres(PostgresErrorCodes.SyntaxError),
        ["permission denied (42501)"] = Postgres(PostgresErrorCodes.InsufficientPrivilege),
        ["a database error that is not transient"] = new NpgsqlException("The operation is not supported"),
        ["a save that broke a constraint"] = new DbUpdateException("An error occurred while saving the entity changes.", Postgres(PostgresErrorCodes.UniqueViolation)),
        ["an unreadable payload"] = new JsonException("The JSON value could not be converted"),
        ["a bug"] = new InvalidOperationException("Sequence contains no elements"),
        ["a bad argument"] = new ArgumentException("The handler name is empty"),
        ["MassTransit's own publish error"] = new MassTransit.PublishException("An address for publishing message type X was not found."),
    };

    public static TheoryData<string> OutageCases => [.. Outages.Keys];

    public static TheoryData<string> FaultCases => [.. Faults.Keys];

    [Theory]
    [MemberData(nameof(OutageCases))]
    public void An_unavailable_database_or_broker_is_an_outage(string name) => Assert.True(Outage.IsCauseOf(Outages[name]), name);

    [Theory]
    [MemberData(nameof(FaultCases))]
    public void A_fault_of_the_message_or_the_code_is_not_an_outage(string name) => Assert.False(Outage.IsCauseOf(Faults[name]), name);
}

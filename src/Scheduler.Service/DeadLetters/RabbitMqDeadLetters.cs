using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Scheduler.Consumers.Hosting;
using Scheduler.Service.Hosting;

namespace Scheduler.Service.DeadLetters;

/// <summary>
/// The dead-letter queues on RabbitMQ, through a connection of the service's own. Counting uses a passive queue
/// declare (it needs no management plugin); moving a message back takes it with <c>basic.get</c>, publishes it to the
/// default exchange with its queue's name as routing key (body, properties and headers as they were, less the fault
/// headers MassTransit added), waits for the broker's confirm, and only then acknowledges it: a failure on the way
/// leaves the message where it was.
/// </summary>
public sealed partial class RabbitMqDeadLetters(RabbitMqConnection broker, DeadLetterQueues queues, ILogger<RabbitMqDeadLetters> logger)
    : IDeadLetterStore, IAsyncDisposable
{
    /// <summary>How long one look into the broker (a count of every queue, or one message moved) may take.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    // MassTransit's headers that describe the fault, which the message should not carry back into its queue.
    static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", "MT-Host-", "MT-Reason"];

    readonly SemaphoreSlim _connecting = new(1, 1);
    IConnection? _connection;

    public async Task<DeadLetterCounts> CountAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            var connection = await ConnectAsync(deadline.Token);
            var counts = new List<DeadLetterQueueCount>();
            IChannel? channel = null;
            try
            {
                foreach (var errorQueue in queues.Sources.Select(DeadLetterQueues.ErrorQueueOf))
                {
                    channel ??= await connection.CreateChannelAsync(cancellationToken: deadline.Token);
                    try
                    {
                        var declared = await channel.QueueDeclarePassiveAsync(errorQueue, deadline.Token);
                        if (declared.MessageCount > 0)
                            counts.Add(new DeadLetterQueueCount(errorQueue, declared.MessageCount));
                    }
                    catch (OperationInterruptedException e) when (IsNotFound(e))
                    {
                        // Nothing ever failed there, so MassTransit never declared it; the broker closed the channel.
                        await channel.DisposeAsync();
                        channel = null;
                    }
                }
            }
            finally
            {
                if (channel is not null)
                    await channel.DisposeAsync();
            }

            return new DeadLetterCounts(counts.Sum(c => c.Messages), counts);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeadLettersUnavailableException($"RabbitMQ did not answer within {Deadline.TotalSeconds:0} s.");
        }
        catch (Exception e) when (IsBrokerFault(e))
        {
            throw new DeadLettersUnavailableException($"RabbitMQ could not be asked: {e.Message}", e);
        }
    }

    public async Task<RequeuedDeadLetters> RequeueAsync(IReadOnlyList<string> errorQueues, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errorQueues);
        var moved = new List<RequeuedMessages>();
        try
        {
            IConnection connection;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(Deadline);
                connection = await ConnectAsync(deadline.Token);
            }

            var left = limit;
            foreach (var errorQueue in errorQueues)
            {
                if (left == 0)
                    break;
                var source = queues.SourceOf(errorQueue) ?? throw new ArgumentException($"'{errorQueue}' is not a watched dead-letter queue.", nameof(errorQueues));
                var count = await MoveAsync(connection, errorQueue, source, left, cancellationToken);
                left -= count;
                if (count > 0)
                {
                    moved.Add(new RequeuedMessages(errorQueue, source, count));
                    LogRequeued(logger, count, errorQueue, source);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeadLettersUnavailableException(
                $"RabbitMQ did not answer within {Deadline.TotalSeconds:0} s; {moved.Sum(q => q.Moved)} messages were moved before.");
        }
        catch (Exception e) when (IsBrokerFault(e))
        {
            throw new DeadLettersUnavailableException($"RabbitMQ failed while moving messages back: {e.Message}; {moved.Sum(q => q.Moved)} were moved before.", e);
        }

        return new RequeuedDeadLetters(moved.Sum(q => q.Moved), moved);
    }

    /// <summary>Moves up to <paramref name="limit"/> messages from <paramref name="errorQueue"/> to <paramref name="source"/>.</summary>
    static async Task<int> MoveAsync(IConnection connection, string errorQueue, string source, int limit, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var moved = 0;
        while (moved < limit)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Deadline);

            BasicGetResult? message;
            try
            {
                message = await channel.BasicGetAsync(errorQueue, autoAck: false, deadline.Token);
            }
            catch (OperationInterruptedException e) when (IsNotFound(e))
            {
                return moved;
            }

            if (message is null)
                return moved;

            var properties = new BasicProperties(message.BasicProperties) { Headers = WithoutFaultHeaders(message.BasicProperties.Headers) };
            try
            {
                // Mandatory: were the queue gone, the broker returns the message and the publish fails, instead of dropping it.
                await channel.BasicPublishAsync("", source, mandatory: true, properties, message.Body.ToArray(), deadline.Token);
            }
            catch
            {
                // Back into the dead-letter queue, as it was; the channel may be gone already, which returns it too.
                if (channel.IsOpen)
                    await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
                throw;
            }

            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, deadline.Token);
            moved++;
        }

        return moved;
    }

    static Dictionary<string, object?>? WithoutFaultHeaders(IDictionary<string, object?>? headers) =>
        headers?.Where(h => !FaultHeaderPrefixes.Any(prefix => h.Key.StartsWith(prefix, StringComparison.Ordinal)))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);

    async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true } open)
            return open;

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { IsOpen: true } opened)
                return opened;
            if (_connection is not null)
                await _connection.DisposeAsync();

            _connection = await RabbitMqConnectionFactory.Create(broker, "scheduler-dead-letters").CreateConnectionAsync(cancellationToken);
            return _connection;
        }
        finally
        {
            _connecting.Release();
        }
    }

    static bool IsNotFound(OperationInterruptedException exception) => exception.ShutdownReason?.ReplyCode == 404;

    static bool IsBrokerFault(Exception exception) =>
        exception is BrokerUnreachableException or OperationInterruptedException or AlreadyClosedException or PublishException
            or ConnectFailureException or IOException;

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync();
        _connecting.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} messages from {ErrorQueue} back to {Queue}")]
    static partial void LogRequeued(ILogger logger, int count, string errorQueue, string queue);
}

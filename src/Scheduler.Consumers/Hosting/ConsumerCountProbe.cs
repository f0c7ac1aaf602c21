using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace Scheduler.Consumers.Hosting;

/// <summary>
/// Looks at the broker on a connection of its own, apart from MassTransit's: a passive declare of each watched queue
/// tells whether the broker answers and how many consumers the queue has. A connection that fails a look is dropped
/// without waiting for it to close (a closing connection may be the very thing that hangs) and a new one is opened
/// for the next look.
/// </summary>
public sealed partial class ConsumerCountProbe(RabbitMqConnection broker, TimeProvider clock, ILogger<ConsumerCountProbe> logger) : IAsyncDisposable
{
    /// <summary>How long one look may take, connecting included.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    IConnection? _connection;

    /// <summary>Declares each of <paramref name="queues"/> passively; a queue that does not exist counts as unconsumed.</summary>
    public async Task<BrokerSighting> LookAsync(IReadOnlyList<string> queues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queues);
        using var deadline = new CancellationTokenSource(Deadline, clock);
        using var look = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await LookAsync(queues, look.Token).WithinAsync(Deadline, clock, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogSilent(logger, exception);
            Abandon();
            return BrokerSighting.Silent;
        }

        async Task<BrokerSighting> LookAsync(IReadOnlyList<string> watched, CancellationToken token)
        {
            var connection = _connection is { IsOpen: true } open
                ? open
                : _connection = await RabbitMqConnectionFactory.Create(broker, "scheduler-stall-guard").CreateConnectionAsync(token);
            var unconsumed = new List<string>();
            IChannel? channel = null;
            try
            {
                foreach (var queue in watched)
                {
                    channel ??= await connection.CreateChannelAsync(cancellationToken: token);
                    try
                    {
                        if ((await channel.QueueDeclarePassiveAsync(queue, token)).ConsumerCount == 0)
                            unconsumed.Add(queue);
                    }
                    catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
                    {
                        // Not declared (yet): nobody consumes it. The broker closed the channel.
                        unconsumed.Add(queue);
                        await channel.DisposeAsync();
                        channel = null;
                    }
                }
            }
            finally
            {
                if (channel is { IsOpen: true })
                    await channel.CloseAsync(token);
            }

            return new BrokerSighting(true, unconsumed);
        }
    }

    void Abandon()
    {
        var connection = _connection;
        _connection = null;
        if (connection is null)
            return;

        // Not awaited: closing a connection the broker dropped can itself hang in the client.
        _ = Task.Run(async () =>
        {
            try
            {
                await connection.AbortAsync(TimeSpan.FromSeconds(1));
                await connection.DisposeAsync();
            }
            catch (Exception)
            {
                // Gone either way.
            }
        });
    }

    public ValueTask DisposeAsync()
    {
        Abandon();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The broker did not answer the stall guard's look")]
    static partial void LogSilent(ILogger logger, Exception exception);
}

using RabbitMQ.Client;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;
using Scheduler.Service.Hosting;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// Sets up what the service needs on RabbitMQ before its bus starts. Declares every known handler's queue before the first run is sent, as the priority queue a consumer
/// declares (see <see cref="HandlerEndpoint"/>): runs are sent to the handler's exchange, and without its queue bound
/// they would be dropped while no consumer of that handler has ever started.
/// </summary>
public sealed partial class HandlerQueueDeclaration(RabbitMqConnection broker, HandlerCatalog handlers, ILogger<HandlerQueueDeclaration> logger)
    : IHostedService
{
    static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);
    const int Attempts = 30;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await DeclareAsync(handlers.Names, cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is RabbitMQ.Client.Exceptions.BrokerUnreachableException
                                                  or RabbitMQ.Client.Exceptions.ConnectFailureException && attempt < Attempts)
            {
                LogBrokerUnreachable(logger, exception, broker.ToString(), attempt);
                await Task.Delay(RetryEvery, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    async Task DeclareAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var factory = RabbitMqConnectionFactory.Create(broker, "scheduler-handler-queues");
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var arguments = new Dictionary<string, object?> { ["x-max-priority"] = (int)HandlerEndpoint.MaxPriority };
        foreach (var name in names)
        {
            var queue = HandlerEndpoint.QueueName(name);
            await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, arguments, cancellationToken: cancellationToken);
            await channel.QueueBindAsync(queue, queue, routingKey: "", cancellationToken: cancellationToken);
            LogDeclared(logger, queue);
        }

        await UnbindScheduleJobFromSagaAsync(connection, cancellationToken);
    }

    /// <summary>
    /// Before batched admission the saga's queue took <see cref="ScheduleJob"/> straight from its exchange; a broker
    /// set up by such a version keeps that binding, and every command would reach the saga twice. RabbitMQ ignores the
    /// removal of a binding that is not there; a missing exchange (a new broker) closes the channel, which is no error here.
    /// </summary>
    static async Task UnbindScheduleJobFromSagaAsync(IConnection connection, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.ExchangeUnbindAsync(destination: Lifecycle.JobStateDefinition.QueueName, source: "Scheduler.Contracts:ScheduleJob",
                routingKey: "", cancellationToken: cancellationToken);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            // One of the two exchanges does not exist, so neither does the binding.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "RabbitMQ at {Broker} is not reachable yet to declare the handler queues (attempt {Attempt})")]
    static partial void LogBrokerUnreachable(ILogger logger, Exception exception, string broker, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Declared handler queue {Queue} (priority queue)")]
    static partial void LogDeclared(ILogger logger, string queue);
}

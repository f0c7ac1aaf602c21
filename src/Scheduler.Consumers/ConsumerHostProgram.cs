using MassTransit;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts.Serialization;

namespace Scheduler.Consumers;

/// <summary>
/// The worker host: serves the built-in handlers from RabbitMQ. Not top-level statements, because the
/// service references this assembly and has its own <c>Program</c>.
/// </summary>
public static partial class ConsumerHostProgram
{
    /// <summary>The connection string that names the broker, as an AMQP URI.</summary>
    public const string ConnectionStringName = "rabbitmq";

    /// <summary>The connection string of the database where the host remembers finished runs (optional).</summary>
    public const string OutcomeLogConnectionStringName = "postgres";

    /// <summary>Runs the host until it is stopped; returns 1 when the broker is not configured.</summary>
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);

        if (!RabbitMqConnection.TryParse(builder.Configuration.GetConnectionString(ConnectionStringName), out var rabbitMq, out var error))
        {
            await Console.Error.WriteLineAsync(
                $"{error} Set ConnectionStrings:{ConnectionStringName} (environment variable ConnectionStrings__{ConnectionStringName}).");
            return 1;
        }

        // Runs in flight get most of the shutdown window to finish; after it their tokens fire and the
        // messages return to the queue for another host.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.Configure<MassTransitHostOptions>(options =>
        {
            options.WaitUntilStarted = true;
            options.ConsumerStopTimeout = TimeSpan.FromSeconds(20);
            options.StopTimeout = TimeSpan.FromSeconds(28);
        });

        var outcomeLog = builder.Configuration.GetConnectionString(OutcomeLogConnectionStringName);
        if (!string.IsNullOrWhiteSpace(outcomeLog))
            builder.Services.AddPostgresRunOutcomeLog(outcomeLog);

        builder.Services.AddMassTransit(bus =>
        {
            // Consumer hosts run in places with no way out to the internet, and should not try: no usage reports.
            bus.ConfigureUsageTelemetryOptions(options => options.Enabled = false);
            bus.AddBuiltInJobHandlers();
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(rabbitMq);
                cfg.ConfigureJsonSerializerOptions(options => SchedulerJson.Configure(options));
                cfg.ConfigureJobHandlerEndpoints(context);
            });
        });

        using var host = builder.Build();

        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsumerHostProgram));
        var broker = rabbitMq.ToString();
        LogBroker(logger, broker);
        if (string.IsNullOrWhiteSpace(outcomeLog))
            LogNoOutcomeLog(logger, OutcomeLogConnectionStringName);
        foreach (var handler in host.Services.GetServices<JobHandlerRegistration>())
            LogServing(logger, handler.Name, handler.QueueName, handler.HandlerType.Name);

        await host.RunAsync();
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming from RabbitMQ at {Broker}")]
    static partial void LogBroker(ILogger logger, string broker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ConnectionStrings:{Name} is not set: finished runs are not remembered, so a redelivered run runs its handler again")]
    static partial void LogNoOutcomeLog(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving handler {Handler} from queue {Queue} with {HandlerType}")]
    static partial void LogServing(ILogger logger, string handler, string queue, string handlerType);
}

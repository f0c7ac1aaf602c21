using Microsoft.Extensions.Options;
using Scheduler.Consumers.BuiltIn;
using Scheduler.Consumers.Hosting;
using Scheduler.Consumers.Telemetry;

namespace Scheduler.Consumers;

/// <summary>
/// The worker host: serves the built-in handlers from RabbitMQ. Not top-level statements, because the
/// service references this assembly and has its own <c>Program</c>.
/// </summary>
public static partial class ConsumerHostProgram
{
    /// <summary>
    /// Runs the host until it is stopped; returns 1 when the broker is not configured, and
    /// <see cref="StallGuardOptions.ExitCode"/> when it stopped because its bus stalled (start it again).
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        try
        {
            builder.Services.AddJobHandlers(builder.Configuration, bus => bus.AddBuiltInJobHandlers());
            builder.Services.AddConsumerTelemetry(builder.Configuration);
        }
        catch (InvalidOperationException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            return 1;
        }

        using var host = builder.Build();

        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsumerHostProgram));
        var broker = RabbitMqConnection.Parse(builder.Configuration.GetConnectionString(JobHandlerHostExtensions.RabbitMqConnectionStringName)!).ToString();
        LogBroker(logger, broker);
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(JobHandlerHostExtensions.OutcomeLogConnectionStringName)))
            LogNoOutcomeLog(logger, JobHandlerHostExtensions.OutcomeLogConnectionStringName);
        foreach (var handler in host.Services.GetServices<JobHandlerRegistration>())
            LogServing(logger, handler.Name, handler.QueueName, handler.HandlerType.Name);

        // Resolved first: the host disposes its services when it has run.
        var stall = host.Services.GetService<BusStallReport>();
        var shutdown = host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        using var deadline = ProcessStopDeadline.Arm(host.Services.GetRequiredService<IHostApplicationLifetime>(),
            shutdown + DrainTimeRegistration.ProcessExitMargin, TimeProvider.System, logger, ProcessStopDeadline.EndThisProcess);
        await host.RunAsync();
        return stall?.ExitCode ?? 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming from RabbitMQ at {Broker}")]
    static partial void LogBroker(ILogger logger, string broker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ConnectionStrings:{Name} is not set: finished runs are not remembered, so a redelivered run runs its handler again")]
    static partial void LogNoOutcomeLog(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving handler {Handler} from queue {Queue} with {HandlerType}")]
    static partial void LogServing(ILogger logger, string handler, string queue, string handlerType);
}

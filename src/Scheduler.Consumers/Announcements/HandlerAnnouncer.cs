using System.Text.Json;
using System.Text.Json.Schema;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Consumers.Execution;
using Scheduler.Consumers.Handlers;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;

namespace Scheduler.Consumers.Announcements;

/// <summary>
/// Tells the scheduler which handlers this host serves: <see cref="HandlersAnnounced"/> when the bus is up and at every
/// heartbeat, <see cref="HostStopped"/> when the host shuts down. Register it after MassTransit, so that it starts
/// once the bus has started and stops before the bus does.
/// </summary>
public sealed partial class HandlerAnnouncer(
    IBus bus,
    IEnumerable<JobHandlerRegistration> registrations,
    IOptionsMonitor<JobHandlerOptions> handlerOptions,
    IOptions<ConsumerHostOptions> hostOptions,
    ConsumerHost host,
    TimeProvider clock,
    ILogger<HandlerAnnouncer> logger) : BackgroundService
{
    /// <summary>How long a stopping host tries to say goodbye before it gives up.</summary>
    static readonly TimeSpan GoodbyeTimeout = TimeSpan.FromSeconds(3);

    readonly DateTimeOffset _startedAt = clock.GetUtcNow();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var announcement = Announcement();
        if (announcement.Handlers.Count == 0)
            return;

        using var heartbeat = new PeriodicTimer(hostOptions.Value.HeartbeatInterval, clock);
        do
        {
            // Each heartbeat has a deadline that cancels it: a publish stuck writing to a connection the broker closed
            // holds the channel's confirm lock, and RabbitMQ.Client cannot finish closing that connection (so the bus
            // cannot reconnect its endpoints) until the publish lets go of it.
            using var deadline = new CancellationTokenSource(hostOptions.Value.PublishTimeout, clock);
            using var publishing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
            try
            {
                await bus.Publish(announcement with { Timestamp = clock.GetUtcNow() }, publishing.Token)
                    .WithinAsync(hostOptions.Value.PublishTimeout, clock, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The next heartbeat tries again; until then the scheduler keeps what it knew.
                LogAnnouncementFailed(logger, exception, host.Name);
            }
        }
        while (await heartbeat.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var handlers = registrations.Select(r => r.Name).ToList();
        if (handlers.Count == 0)
            return;

        // The goodbye is a courtesy: with the broker unreachable it must not hold the shutdown for the host's whole
        // stop timeout, nor fail it. Without it the scheduler counts the host gone after its heartbeats stop.
        using var goodbye = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        goodbye.CancelAfter(GoodbyeTimeout);
        try
        {
            await bus.Publish(new HostStopped { Host = host.Name, Handlers = handlers, Timestamp = clock.GetUtcNow() }, goodbye.Token);
        }
        catch (Exception exception)
        {
            LogAnnouncementFailed(logger, exception, host.Name);
        }
    }

    HandlersAnnounced Announcement() => new()
    {
        Host = host.Name,
        StartedAt = _startedAt,
        HeartbeatInterval = hostOptions.Value.HeartbeatInterval,
        Handlers = registrations.Select(r => new HandlerAnnouncement
        {
            Name = r.Name,
            Queue = r.QueueName,
            Concurrency = handlerOptions.Get(r.Name).Concurrency,
            PayloadSchema = r.PayloadType is null
                ? null
                : JsonSerializer.SerializeToElement(JsonSchemaExporter.GetJsonSchemaAsNode(HandlerJson.Options, r.PayloadType)),
        }).ToList(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Host {Host} could not announce its handlers")]
    static partial void LogAnnouncementFailed(ILogger logger, Exception exception, string host);
}

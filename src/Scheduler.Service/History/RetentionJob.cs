using MassTransit;
using Microsoft.Extensions.Options;
using Scheduler.Consumers.BuiltIn;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.History;

/// <summary>
/// The built-in recurring job that keeps run history within <see cref="RetentionOptions"/>: job
/// <see cref="JobId"/> in tenant <c>system</c>, running <c>cleanup-history</c> every <see cref="RetentionOptions.Interval"/>.
/// Every instance schedules it at start; the same job id makes that idempotent. Cancel the job to stop it.
/// </summary>
public sealed partial class RetentionJob(IBus bus, IOptions<RetentionOptions> options, IOptions<DispatcherOptions> dispatcher, TimeProvider clock,
    ILogger<RetentionJob> logger) : IHostedService
{
    public const string Tenant = "system";

    /// <summary>The job's fixed id, the same in every deployment.</summary>
    public static readonly Guid JobId = new("5c0e3f6a-1d2b-4c7e-9a41-0b7d2e6f8c13");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
            return;

        var limit = dispatcher.Value.SendTimeout;
        using var deadline = new CancellationTokenSource(limit, clock);
        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await bus.Publish(new ScheduleJob
            {
                JobId = JobId,
                TenantId = Tenant,
                Name = "Run history retention",
                Handler = BuiltInHandlers.CleanupHistory,
                Schedule = new JobSchedule { Every = options.Value.Interval },
                Misfire = new MisfirePolicy { Policy = MisfireAction.FireNow },
            }, publishing.Token).WithinAsync(limit, clock, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The next start tries again; until then history is kept a little longer. A confirm that never comes (the
            // broker went away mid-publish) must not hold the service's start, and with it the dispatcher, for ever; nor
            // may the abandoned publish keep its channel's confirm lock, so its token fires at the deadline too.
            LogNotScheduled(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The run history retention job could not be scheduled")]
    static partial void LogNotScheduled(ILogger logger, Exception exception);
}

using MassTransit;
using Microsoft.Extensions.Logging;
using Scheduler.Contracts;

namespace Scheduler.Consumers.Execution;

/// <summary>Stops a run the scheduler has abandoned, when this host is the one running it.</summary>
public sealed partial class JobRunAbandonedConsumer(RunCancellations cancellations, ILogger<JobRunAbandonedConsumer> logger)
    : IConsumer<JobRunAbandoned>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<JobRunAbandoned> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await cancellations.CancelAsync(context.Message.RunId))
            LogCancelled(logger, context.Message.RunId, context.Message.JobId, context.Message.Reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of job {JobId} cancelled: the scheduler abandoned it ({Reason})")]
    static partial void LogCancelled(ILogger logger, Guid runId, Guid jobId, string? reason);
}

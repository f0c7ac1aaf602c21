using MassTransit;
using Microsoft.Extensions.Logging;
using Scheduler.Contracts;

namespace Scheduler.Consumers.Execution;

/// <summary>
/// Raises <see cref="JobRunOverdue"/> when a run goes on past its job's <c>alertAfter</c>: one timer per run that has
/// one (none otherwise), stopped when the run ends.
/// </summary>
public sealed partial class RunOverdueWatch(IBus bus, TimeProvider timeProvider, ConsumerHost host, ILogger<RunOverdueWatch> logger)
{
    /// <summary>Starts watching the run; dispose the result when the run ends. Null when the job has no <c>alertAfter</c>.</summary>
    public IDisposable? Watch(ExecuteJob message, DateTimeOffset startedAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.AlertAfter is not { } after || after <= TimeSpan.Zero)
            return null;

        return timeProvider.CreateTimer(_ => _ = RaiseAsync(message, startedAt, after), null, after, Timeout.InfiniteTimeSpan);
    }

    async Task RaiseAsync(ExecuteJob message, DateTimeOffset startedAt, TimeSpan after)
    {
        try
        {
            LogOverdue(logger, message.RunId, message.JobId, message.Handler, after);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30), timeProvider);
            await bus.Publish(new JobRunOverdue
            {
                JobId = message.JobId,
                RunId = message.RunId,
                TenantId = message.TenantId,
                Handler = message.Handler,
                Attempt = message.Attempt,
                StartedAt = startedAt,
                AlertAfter = after,
                Host = host.Name,
                Timestamp = timeProvider.GetUtcNow(),
            }, deadline.Token);
        }
        catch (Exception exception)
        {
            LogNotRaised(logger, exception, message.RunId, message.JobId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of job {JobId} on handler {Handler} has run longer than its alertAfter of {AlertAfter}")]
    static partial void LogOverdue(ILogger logger, Guid runId, Guid jobId, string handler, TimeSpan alertAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The overdue alert of run {RunId} of job {JobId} could not be published")]
    static partial void LogNotRaised(ILogger logger, Exception exception, Guid runId, Guid jobId);
}

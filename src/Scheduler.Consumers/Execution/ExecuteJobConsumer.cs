using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Logging;
using Scheduler.Consumers.Handlers;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;

namespace Scheduler.Consumers.Execution;

/// <summary>
/// Runs one attempt of a job with the handler the message names, under the run's timeout, and reports
/// the outcome as run events. A failing handler is a domain event, not a faulted message: only a host
/// shutting down lets the message go back to the queue, so another host can run it.
/// </summary>
public sealed partial class ExecuteJobConsumer(
    IServiceProvider services,
    TimeProvider timeProvider,
    ConsumerHost host,
    ILogger<ExecuteJobConsumer> logger) : IConsumer<ExecuteJob>
{
    // CancellationTokenSource cannot wait longer than this; a longer timeout is as good as none.
    static TimeSpan LongestTimeout => TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<ExecuteJob> context)
    {
        ArgumentNullException.ThrowIfNull(context);

        var message = context.Message;
        var stopping = context.CancellationToken;
        var startedAt = timeProvider.GetUtcNow();

        // The consumer is resolved from the message's scope, so this provider hands out scoped handlers.
        var handler = services.GetKeyedService<IJobHandler>(message.Handler);
        if (handler is null)
        {
            LogUnknownHandler(logger, message.Handler, message.JobId, message.RunId);
            await PublishFailed(context, startedAt, TimeSpan.Zero,
                new RunError(ErrorCategory.Permanent, $"No handler named '{message.Handler}' is registered on this consumer host"), stopping);
            return;
        }

        if (message.Timeout is { } invalid && invalid <= TimeSpan.Zero)
        {
            await PublishFailed(context, startedAt, TimeSpan.Zero,
                new RunError(ErrorCategory.Permanent, $"The run's timeout {IsoDuration.Format(invalid)} is not positive"), stopping);
            return;
        }

        await context.Publish(new JobRunStarted
        {
            JobId = message.JobId,
            RunId = message.RunId,
            Attempt = message.Attempt,
            StartedAt = startedAt,
            Host = host.Name,
        }, stopping);
        LogStarted(logger, message.Handler, message.JobId, message.RunId, message.Attempt);

        using var timeout = message.Timeout is { } limit && limit < LongestTimeout
            ? new CancellationTokenSource(limit, timeProvider)
            : new CancellationTokenSource();
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);

        var startTimestamp = timeProvider.GetTimestamp();
        JsonElement? result;
        try
        {
            result = await handler.ExecuteAsync(ToExecutionContext(message), run.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            LogInterrupted(logger, message.Handler, message.JobId, message.RunId);
            throw;
        }
        catch (Exception exception)
        {
            var duration = timeProvider.GetElapsedTime(startTimestamp);
            var error = Classify(exception, timeout.IsCancellationRequested, message.Timeout);
            LogFailed(logger, exception, message.Handler, message.JobId, message.RunId, message.Attempt, error.Category, (long)duration.TotalMilliseconds);
            await PublishFailed(context, startedAt, duration, error, stopping);
            return;
        }

        var elapsed = timeProvider.GetElapsedTime(startTimestamp);
        await context.Publish(new JobRunSucceeded
        {
            JobId = message.JobId,
            RunId = message.RunId,
            Attempt = message.Attempt,
            StartedAt = startedAt,
            CompletedAt = timeProvider.GetUtcNow(),
            DurationMs = (long)elapsed.TotalMilliseconds,
            Result = result,
            Host = host.Name,
        }, stopping);
        LogSucceeded(logger, message.Handler, message.JobId, message.RunId, message.Attempt, (long)elapsed.TotalMilliseconds);
    }

    static RunError Classify(Exception exception, bool timedOut, TimeSpan? timeout) => exception switch
    {
        PermanentJobFailureException => new RunError(ErrorCategory.Permanent, exception.Message),
        OperationCanceledException when timedOut && timeout is { } limit =>
            new RunError(ErrorCategory.Timeout, $"The run exceeded its timeout of {IsoDuration.Format(limit)}"),
        _ => new RunError(ErrorCategory.Transient, exception.Message),
    };

    static JobExecutionContext ToExecutionContext(ExecuteJob message) => new()
    {
        JobId = message.JobId,
        RunId = message.RunId,
        TenantId = message.TenantId,
        Handler = message.Handler,
        Name = message.Name,
        Attempt = message.Attempt,
        ScheduledFor = message.ScheduledFor,
        Payload = message.Payload,
    };

    Task PublishFailed(ConsumeContext<ExecuteJob> context, DateTimeOffset startedAt, TimeSpan duration, RunError error,
        CancellationToken cancellationToken) =>
        context.Publish(new JobRunFailed
        {
            JobId = context.Message.JobId,
            RunId = context.Message.RunId,
            Attempt = context.Message.Attempt,
            StartedAt = startedAt,
            CompletedAt = timeProvider.GetUtcNow(),
            DurationMs = (long)duration.TotalMilliseconds,
            Error = error,
            Host = host.Name,
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of job {JobId} started on handler {Handler}, attempt {Attempt}")]
    static partial void LogStarted(ILogger logger, string handler, Guid jobId, Guid runId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of job {JobId} succeeded on handler {Handler}, attempt {Attempt}, in {DurationMs} ms")]
    static partial void LogSucceeded(ILogger logger, string handler, Guid jobId, Guid runId, int attempt, long durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of job {JobId} failed on handler {Handler}, attempt {Attempt}, after {DurationMs} ms: {Category}")]
    static partial void LogFailed(ILogger logger, Exception exception, string handler, Guid jobId, Guid runId, int attempt, ErrorCategory category, long durationMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} of job {JobId} names handler {Handler}, which this host does not serve")]
    static partial void LogUnknownHandler(ILogger logger, string handler, Guid jobId, Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of job {JobId} on handler {Handler} was interrupted by shutdown; the message returns to the queue")]
    static partial void LogInterrupted(ILogger logger, string handler, Guid jobId, Guid runId);
}

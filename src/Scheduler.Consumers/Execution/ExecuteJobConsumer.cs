using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Consumers.Hosting;
using Scheduler.Consumers.Handlers;
using Scheduler.Consumers.Telemetry;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;

namespace Scheduler.Consumers.Execution;

/// <summary>
/// Runs one attempt of a job with the handler the message names, under the run's timeout, and reports
/// the outcome as run events. A failing handler is a domain event, not a faulted message: only a host
/// shutting down, or an outcome the broker would not take in time, lets the message go back to the queue. A run this
/// host has finished before (the message came again) is not run again: its recorded outcome is published again; a copy
/// of a run in hand waits for it to end, then does the same. The outcome log is a guard, not part of the run: when it
/// cannot answer (its database is down, its table gone) the run still runs and reports, with a warning.
/// </summary>
public sealed partial class ExecuteJobConsumer(
    IServiceProvider services,
    TimeProvider timeProvider,
    ConsumerHost host,
    IRunOutcomeLog outcomes,
    RecentRunOutcomes recent,
    RunCancellations cancellations,
    RunReporter reporter,
    IBus bus,
    IOptions<ConsumerHostOptions> hostOptions,
    RunMetrics metrics,
    RunOverdueWatch overdue,
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
        using var fields = RunLogScope.Begin(logger, message);

        // A copy of a run this host has in hand — sent again by a dispatch round that did not commit, or this very message
        // delivered again after its channel closed under the run — waits for the run in hand to end, then answers with
        // its outcome. Taken for done at once, it could be the last delivery of a run whose outcome then fails to publish.
        if (cancellations.IsRunning(message.RunId))
            LogAlreadyRunning(logger, message.RunId, message.JobId);
        using var hand = await cancellations.TakeAsync(message.RunId, stopping);

        if (await FindFinishedAsync(message, stopping) is { } finished)
        {
            LogAlreadyFinished(logger, message.RunId, message.JobId);
            await PublishAsync(context, finished, stopping);
            return;
        }

        var startedAt = timeProvider.GetUtcNow();

        // The consumer is resolved from the message's scope, so this provider hands out scoped handlers.
        var handler = services.GetKeyedService<IJobHandler>(message.Handler);
        if (handler is null)
        {
            LogUnknownHandler(logger, message.Handler, message.JobId, message.RunId);
            await FinishAsync(context, Failed(message, startedAt, TimeSpan.Zero,
                new RunError(ErrorCategory.Permanent, $"No handler named '{message.Handler}' is registered on this consumer host")), stopping);
            return;
        }

        if (message.Timeout is { } invalid && invalid <= TimeSpan.Zero)
        {
            await FinishAsync(context, Failed(message, startedAt, TimeSpan.Zero,
                new RunError(ErrorCategory.Permanent, $"The run's timeout {IsoDuration.Format(invalid)} is not positive")), stopping);
            return;
        }

        LogStarted(logger, message.Handler, message.JobId, message.RunId, message.Attempt);
        metrics.Started(message.Handler, message.Attempt, message.ScheduledFor, startedAt);
        using var watch = overdue.Watch(message, startedAt);

        using var timeout = message.Timeout is { } limit && limit < LongestTimeout
            ? new CancellationTokenSource(limit, timeProvider)
            : new CancellationTokenSource();
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token, hand.Abandoned);

        var startTimestamp = timeProvider.GetTimestamp();
        Task<JsonElement?>? work = null;
        JsonElement? result;
        try
        {
            // The run ends when its token fires, whether or not the handler notices: one that ignores its token is
            // abandoned here, and whatever it does later is reported as a late outcome.
            work = handler.ExecuteAsync(ToExecutionContext(context), run.Token);
            await ReportStartedUnlessDoneAsync(context, work, startedAt, run.Token);
            result = await work.WaitAsync(run.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            LogInterrupted(logger, message.Handler, message.JobId, message.RunId);
            throw;
        }
        catch (Exception exception)
        {
            var duration = timeProvider.GetElapsedTime(startTimestamp);
            var error = Classify(exception, timeout.IsCancellationRequested, hand.Abandoned.IsCancellationRequested, message.Timeout);
            LogFailed(logger, exception, message.Handler, message.JobId, message.RunId, message.Attempt, error.Category, (long)duration.TotalMilliseconds);
            if (work is { IsCompleted: false })
                _ = ReportLateOutcomeAsync(message, work, startedAt, startTimestamp);
            metrics.Completed(message.Handler, duration, error);

            await FinishAsync(context, Failed(message, startedAt, duration, error), stopping);
            return;
        }

        var elapsed = timeProvider.GetElapsedTime(startTimestamp);
        metrics.Completed(message.Handler, elapsed, error: null);
        await FinishAsync(context, Succeeded(message, startedAt, elapsed, result), stopping);
        LogSucceeded(logger, message.Handler, message.JobId, message.RunId, message.Attempt, (long)elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// Publishes <see cref="JobRunStarted"/> once the handler has run for <see cref="ConsumerHostOptions.StartedReportDelay"/>.
    /// A run that ends sooner reports its start with its outcome, which the scheduler records in the same order: one
    /// message and one saga transaction fewer for every short run.
    /// </summary>
    async Task ReportStartedUnlessDoneAsync(ConsumeContext<ExecuteJob> context, Task<JsonElement?> work, DateTimeOffset startedAt,
        CancellationToken cancellationToken)
    {
        var delay = hostOptions.Value.StartedReportDelay;
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await work.WaitAsync(delay, timeProvider, cancellationToken);
                return;
            }
            catch (TimeoutException)
            {
                // Still running: say so.
            }
            catch (Exception)
            {
                // Ended (failed, cancelled, timed out): the outcome reports it.
                return;
            }
        }

        var started = new JobRunStarted
        {
            JobId = context.Message.JobId,
            RunId = context.Message.RunId,
            Attempt = context.Message.Attempt,
            StartedAt = startedAt,
            Host = host.Name,
        };
        if (hostOptions.Value.ReportInBatches)
            await PublishWithinAsync(token => reporter.ReportAsync(new JobRunReport { Started = started }, logged: null, token), cancellationToken);
        else
            await PublishWithinAsync(token => context.Publish(started, token), cancellationToken);
    }

    static RunError Classify(Exception exception, bool timedOut, bool abandoned, TimeSpan? timeout) => exception switch
    {
        PermanentJobFailureException => new RunError(ErrorCategory.Permanent, exception.Message),
        OperationCanceledException when timedOut && timeout is { } limit =>
            new RunError(ErrorCategory.Timeout, $"The run exceeded its timeout of {IsoDuration.Format(limit)}"),
        OperationCanceledException when abandoned =>
            new RunError(ErrorCategory.Permanent, "The run was cancelled: the scheduler abandoned it"),
        _ => new RunError(ErrorCategory.Transient, exception.Message),
    };

    /// <summary>
    /// The outcome of a run this host finished before: from its memory of recent runs (see <see cref="RecentRunOutcomes"/>),
    /// else from the outcome log. When neither can say, the run is taken as new: running
    /// a redelivered run twice is the lesser harm, since the scheduler records each run once, while a run held back for
    /// the log's database would stall every handler of the host for as long as that database is down.
    /// </summary>
    async Task<RunOutcome?> FindFinishedAsync(ExecuteJob message, CancellationToken stopping)
    {
        if (recent.Find(message.RunId) is { } remembered)
            return remembered;

        try
        {
            return await outcomes.FindAsync(message.RunId, stopping);
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested)
        {
            LogOutcomeLogUnavailable(logger, exception, message.RunId, message.JobId);
            return null;
        }
    }

    /// <summary>
    /// Records the outcome first, so that a redelivery after a crash publishes it instead of running the handler again;
    /// an outcome the log cannot take is published all the same.
    /// </summary>
    async Task FinishAsync(ConsumeContext<ExecuteJob> context, RunOutcome outcome, CancellationToken cancellationToken)
    {
        recent.Remember(outcome);
        if (hostOptions.Value.ReportInBatches)
        {
            // The reporter logs the outcomes of its batch together, then publishes them.
            await PublishWithinAsync(token => reporter.ReportAsync(ReportOf(outcome), new LoggedRunOutcome(outcome, context.Message.Handler), token), cancellationToken);
            return;
        }

        try
        {
            await outcomes.RecordAsync(outcome, context.Message.Handler, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogOutcomeNotRecorded(logger, exception, context.Message.RunId, context.Message.JobId);
        }

        await PublishAsync(context, outcome, cancellationToken);
    }

    /// <summary>Reports how a run ended: in the host's next batch of reports, or as an event of its own.</summary>
    Task PublishAsync(IPublishEndpoint publisher, RunOutcome outcome, CancellationToken cancellationToken) =>
        PublishWithinAsync(token => hostOptions.Value.ReportInBatches
            ? reporter.ReportAsync(ReportOf(outcome), logged: null, token)
            : outcome.Succeeded is { } succeeded
                ? publisher.Publish(succeeded, token)
                : publisher.Publish(outcome.Failed!, token), cancellationToken);

    static JobRunReport ReportOf(RunOutcome outcome) => new() { Succeeded = outcome.Succeeded, Failed = outcome.Failed };

    /// <summary>
    /// Publishes within <see cref="ConsumerHostOptions.PublishTimeout"/>, its confirm included, or throws
    /// <see cref="TimeoutException"/>: an outage, so the run's message goes back to its queue and its copy is answered from
    /// <see cref="RecentRunOutcomes"/>. The wait is bounded even where the token is not heard (a confirm lost with its channel).
    /// </summary>
    async Task PublishWithinAsync(Func<CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        var limit = hostOptions.Value.PublishTimeout;
        using var deadline = new CancellationTokenSource(limit, timeProvider);
        using var publishing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await publish(publishing.Token).WithinAsync(limit, timeProvider, cancellationToken);
        }
        catch (OperationCanceledException exception) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not confirm the publish within {limit}.", exception);
        }
    }

    /// <summary>An abandoned handler that completes anyway: the scheduler records it, and it changes nothing.</summary>
    async Task ReportLateOutcomeAsync(ExecuteJob message, Task<JsonElement?> work, DateTimeOffset startedAt, long startTimestamp)
    {
        RunOutcome outcome;
        try
        {
            var result = await work;
            outcome = Succeeded(message, startedAt, timeProvider.GetElapsedTime(startTimestamp), result);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception exception)
        {
            outcome = Failed(message, startedAt, timeProvider.GetElapsedTime(startTimestamp), Classify(exception, false, false, null));
        }

        try
        {
            LogLateOutcome(logger, message.RunId, message.JobId, outcome.Succeeded is not null);
            await PublishAsync(bus, outcome, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogLateOutcomeLost(logger, exception, message.RunId, message.JobId);
        }
    }

    RunOutcome Succeeded(ExecuteJob message, DateTimeOffset startedAt, TimeSpan duration, JsonElement? result) => new()
    {
        Succeeded = new JobRunSucceeded
        {
            JobId = message.JobId,
            RunId = message.RunId,
            Attempt = message.Attempt,
            StartedAt = startedAt,
            CompletedAt = timeProvider.GetUtcNow(),
            DurationMs = (long)duration.TotalMilliseconds,
            Result = result,
            Host = host.Name,
        },
    };

    RunOutcome Failed(ExecuteJob message, DateTimeOffset startedAt, TimeSpan duration, RunError error) => new()
    {
        Failed = new JobRunFailed
        {
            JobId = message.JobId,
            RunId = message.RunId,
            Attempt = message.Attempt,
            StartedAt = startedAt,
            CompletedAt = timeProvider.GetUtcNow(),
            DurationMs = (long)duration.TotalMilliseconds,
            Error = error,
            Host = host.Name,
        },
    };

    JobExecutionContext ToExecutionContext(ConsumeContext<ExecuteJob> consumeContext) => ToExecutionContext(consumeContext.Message) with
    {
        ProgressSink = (percent, text, cancellationToken) => PublishWithinAsync(token => consumeContext.Publish(new JobRunProgressed
        {
            JobId = consumeContext.Message.JobId,
            RunId = consumeContext.Message.RunId,
            Percent = percent,
            Message = text,
            Timestamp = timeProvider.GetUtcNow(),
        }, token), cancellationToken),
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of job {JobId} came again after it had finished here; its outcome is published again")]
    static partial void LogAlreadyFinished(ILogger logger, Guid runId, Guid jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of job {JobId} was abandoned and its handler finished late (succeeded: {Succeeded})")]
    static partial void LogLateOutcome(ILogger logger, Guid runId, Guid jobId, bool succeeded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} of job {JobId} came again while this host runs it; it waits for the run in hand to end, then publishes its outcome")]
    static partial void LogAlreadyRunning(ILogger logger, Guid runId, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome log could not say whether run {RunId} of job {JobId} finished here before; it runs as a new run")]
    static partial void LogOutcomeLogUnavailable(ILogger logger, Exception exception, Guid runId, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome of run {RunId} of job {JobId} could not be recorded in the outcome log; it is published all the same")]
    static partial void LogOutcomeNotRecorded(ILogger logger, Exception exception, Guid runId, Guid jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The late outcome of run {RunId} of job {JobId} could not be published")]
    static partial void LogLateOutcomeLost(ILogger logger, Exception exception, Guid runId, Guid jobId);
}

using System.Threading.Channels;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;

namespace Scheduler.Consumers.Execution;

/// <summary>
/// Publishes what this host reports about its runs many at a time: a report waits at most
/// <see cref="ConsumerHostOptions.ReportFlushDelay"/> for company (or until <see cref="ConsumerHostOptions.ReportBatchSize"/>
/// have gathered) and goes out with the others as one <see cref="JobRunsReported"/>, which the scheduler records in one
/// transaction. The outcomes among them go to the outcome log first, in one statement (a group commit), so that a
/// redelivered run finds its outcome there. <see cref="ReportAsync"/> completes once the broker has confirmed the message, so a run's
/// <c>ExecuteJob</c> is acknowledged only after its outcome is out; a publish that fails or is not confirmed within
/// <see cref="ConsumerHostOptions.PublishTimeout"/> fails every report it carried, and their runs' messages come again.
/// </summary>
public sealed partial class RunReporter : IAsyncDisposable
{
    readonly IBus _bus;
    readonly IRunOutcomeLog _outcomes;
    readonly ILogger<RunReporter> _logger;
    readonly ConsumerHost _host;
    readonly TimeProvider _clock;
    readonly ConsumerHostOptions _options;
    readonly SendStall _sends;
    readonly Channel<PendingReport> _queue;
    readonly CancellationTokenSource _stopping = new();
    readonly Lazy<Task> _loop;

    public RunReporter(IBus bus, IRunOutcomeLog outcomes, ConsumerHost host, TimeProvider clock, IOptions<ConsumerHostOptions> options,
        SendStall sends, ILogger<RunReporter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Value.ReportBatchSize, 1, nameof(ConsumerHostOptions.ReportBatchSize));
        _bus = bus;
        _outcomes = outcomes;
        _logger = logger;
        _host = host;
        _clock = clock;
        _options = options.Value;
        _sends = sends;

        // Bounded: a host that cannot publish holds its runs, rather than an unbounded heap of reports.
        _queue = Channel.CreateBounded<PendingReport>(new BoundedChannelOptions(_options.ReportBatchSize * 4)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _loop = new Lazy<Task>(() => Task.Run(() => PublishLoopAsync(_stopping.Token)));
    }

    /// <summary>
    /// Reports <paramref name="report"/>, with <paramref name="logged"/> (its outcome, when it is one to keep in the
    /// outcome log); completes when the message carrying it has been confirmed by the broker.
    /// </summary>
    public async Task ReportAsync(JobRunReport report, LoggedRunOutcome? logged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        _ = _loop.Value;
        var pending = new PendingReport(report, logged);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        await pending.Published.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_loop.IsValueCreated)
        {
            try
            {
                await _loop.Value;
            }
            catch (OperationCanceledException)
            {
                // Stopped with reports in hand: their runs were not acknowledged and come again.
            }
        }

        _stopping.Dispose();
    }

    async Task PublishLoopAsync(CancellationToken stopping)
    {
        var batch = new List<PendingReport>(_options.ReportBatchSize);
        while (await _queue.Reader.WaitToReadAsync(stopping))
        {
            await GatherAsync(batch, stopping);
            try
            {
                // Bounded even where the token is not heard: a confirm lost with its channel never comes.
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                deadline.CancelAfter(_options.PublishTimeout);
                await LogOutcomesAsync(batch, deadline.Token);
                await PublishAsync(batch, deadline.Token).WithinAsync(_options.PublishTimeout, _clock, stopping);
                _sends.Succeeded();
                foreach (var pending in batch)
                    pending.Published.TrySetResult();
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                _sends.Failed(_clock.GetUtcNow());
                Fail(batch, new TimeoutException(
                    $"The broker did not confirm {batch.Count} run report(s) within {_options.PublishTimeout.TotalSeconds:0.#} s."));
            }
            catch (Exception exception)
            {
                if (!stopping.IsCancellationRequested)
                    _sends.Failed(_clock.GetUtcNow());
                Fail(batch, exception);
            }

            batch.Clear();
        }
    }

    // Takes what waits now, then what comes within the flush delay, up to a batch.
    async Task GatherAsync(List<PendingReport> batch, CancellationToken stopping)
    {
        var reader = _queue.Reader;
        var until = _clock.GetTimestamp() + (long)(_options.ReportFlushDelay.TotalSeconds * _clock.TimestampFrequency);
        while (batch.Count < _options.ReportBatchSize)
        {
            if (reader.TryRead(out var pending))
            {
                batch.Add(pending);
                continue;
            }

            var left = _clock.GetElapsedTime(_clock.GetTimestamp(), until);
            if (left <= TimeSpan.Zero)
                return;

            try
            {
                if (!await reader.WaitToReadAsync(stopping).AsTask().WaitAsync(left, _clock, stopping))
                    return;
            }
            catch (TimeoutException)
            {
                return;
            }
        }
    }

    // The log is a guard, not part of the run: when it cannot take the outcomes they are published all the same.
    async Task LogOutcomesAsync(List<PendingReport> batch, CancellationToken cancellationToken)
    {
        var outcomes = batch.Select(p => p.Logged).OfType<LoggedRunOutcome>().ToList();
        if (outcomes.Count == 0)
            return;

        try
        {
            await _outcomes.RecordAsync(outcomes, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogOutcomesNotRecorded(_logger, exception, outcomes.Count);
        }
    }

    Task PublishAsync(List<PendingReport> batch, CancellationToken cancellationToken) =>
        _bus.Publish(new JobRunsReported
        {
            Reports = batch.Select(p => p.Report).ToList(),
            Host = _host.Name,
            Timestamp = _clock.GetUtcNow(),
        }, cancellationToken);

    static void Fail(List<PendingReport> batch, Exception exception)
    {
        foreach (var pending in batch)
            pending.Published.TrySetException(exception);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The outcome log did not take {Count} outcome(s); they are reported all the same, and a redelivered run may run again")]
    static partial void LogOutcomesNotRecorded(ILogger logger, Exception exception, int count);

    sealed class PendingReport(JobRunReport report, LoggedRunOutcome? logged)
    {
        public JobRunReport Report { get; } = report;
        public LoggedRunOutcome? Logged { get; } = logged;
        public TaskCompletionSource Published { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

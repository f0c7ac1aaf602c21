using MassTransit;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scheduler.Consumers.Hosting;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// Sends due messages from the due table. Every service instance runs one: each round claims up to a batch of
/// due rows with <c>FOR UPDATE SKIP LOCKED</c> (so instances never claim the same row) and deletes the one-shots among
/// them in the same statement (<see cref="DueRowClaim"/>), sends them with publisher confirms, then advances the
/// recurring ones and commits. The deletes are part of the round's transaction, so a round that does not commit leaves
/// its rows due. A crash between
/// send and commit sends those messages again after the row locks are released: receivers deduplicate by occurrence.
/// Between rounds it sleeps until the earliest due instant, woken early by <see cref="DueSignal"/>.
/// Nothing in a round waits for ever: its sends have <see cref="DispatcherOptions.SendTimeout"/> and the whole round
/// <see cref="DispatcherOptions.RoundTimeout"/>. A round past either is abandoned — its transaction rolls back, so its
/// rows stay due for the next round — because a confirm lost with its channel never completes on its own.
/// </summary>
public sealed partial class DueMessageDispatcher(
    IServiceScopeFactory scopes,
    IBus bus,
    DueSignal signal,
    DueRowClaim claim,
    ChangeSetWriter writer,
    DispatcherPulse pulse,
    SendStall sendStall,
    TimeProvider clock,
    IOptions<DispatcherOptions> options,
    ILogger<DueMessageDispatcher> logger) : BackgroundService
{
    readonly DispatcherOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
            return;

        LogStarted(logger, _options.BatchSize);
        pulse.Started(clock.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            // Awake before looking, so that a message scheduled while this round runs is not missed by its sleep.
            signal.Awake();
            TimeSpan wait;
            try
            {
                wait = await RoundAsync(stoppingToken);
                pulse.RoundCompleted(clock.GetUtcNow());
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (TimeoutException exception)
            {
                LogRoundAbandoned(logger, exception, exception.Message);
                wait = _options.ErrorBackoff;
            }
            catch (Exception exception)
            {
                LogRoundFailed(logger, exception);
                wait = _options.ErrorBackoff;
            }

            if (wait <= TimeSpan.Zero)
                continue;

            // Timers count whole milliseconds and drop the rest: a sleep of 0.9 ms would end at once and 5.7 ms after
            // 5, each waking to a round that finds nothing due yet and holds up the one that does.
            wait = WholeMilliseconds(wait);
            try
            {
                var woken = signal.SleepUntilAsync(clock.GetUtcNow() + wait);
                await Task.WhenAny(Task.Delay(wait, clock, stoppingToken), woken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One round under its deadline. Past it the round's token is cancelled (its database work stops and its transaction
    /// rolls back; a send still waiting gives up) and the round is left to end on its own.
    /// </summary>
    async Task<TimeSpan> RoundAsync(CancellationToken stoppingToken)
    {
        using var deadline = new CancellationTokenSource(_options.RoundTimeout, clock);
        using var round = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, deadline.Token);
        try
        {
            return await DispatchAsync(round.Token).WithinAsync(_options.RoundTimeout, clock, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested
                                          && (exception is TimeoutException || deadline.IsCancellationRequested))
        {
            await round.CancelAsync();
            throw exception as TimeoutException
                  ?? new TimeoutException($"The round did not finish within {_options.RoundTimeout}; its messages stay due.", exception);
        }
    }

    /// <summary>One round: sends what is due and returns how long to sleep before the next one.</summary>
    async Task<TimeSpan> DispatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();

        if (await db.SchedulerSwitch.AsNoTracking().AnyAsync(s => s.Paused, cancellationToken))
            return _options.PollInterval;

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await claim.ClaimAsync(db, now, _options.BatchSize, cancellationToken);
        if (due.Count == 0)
        {
            var next = await db.DueMessages.Where(m => !m.Paused).MinAsync(m => (DateTimeOffset?)m.DueAt, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            var untilNext = next is { } instant ? instant - clock.GetUtcNow() : _options.PollInterval;
            return untilNext < _options.PollInterval ? untilNext : _options.PollInterval;
        }

        using var sendDeadline = new CancellationTokenSource(_options.SendTimeout, clock);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, sendDeadline.Token);
        var sends = new List<Task>(due.Count);
        foreach (var row in due)
        {
            var plan = row.IsRecurring ? PlanRecurring(row, now) : DuePlan.Once(row.OccurrenceAt);
            if (plan.Send)
                sends.Add(SendAsync(row, plan, now, sending.Token));
            if (row.IsRecurring)
                Advance(db, row, plan, now);
        }

        await AwaitSendsAsync(sends, sending, sendDeadline, cancellationToken);

        // Writes the recurring rows' advances (and, on SQLite, the one-shots' deletes); on PostgreSQL the claim has
        // deleted the one-shots already, so a round of one-shots writes nothing here.
        await writer.SaveAsync(db, cancellationToken);

        // A round given up on meanwhile rolls back, as was logged; sending its rows again is harmless (receivers deduplicate).
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(cancellationToken);

        LogDispatched(logger, sends.Count, due.Count - sends.Count);
        return TimeSpan.Zero;
    }

    /// <summary>
    /// Waits for every send's confirm, at most <see cref="DispatcherOptions.SendTimeout"/>. Cancelling the sends' token
    /// releases MassTransit's wait for the confirm (and its retries while the connection is down) and faults the
    /// send's scope; the bound on the wait itself covers what the token does not reach, such as declaring the
    /// destination's topology on a channel whose broker has stopped answering. The channel itself is replaced once
    /// RabbitMQ.Client reports it shut down (a lost connection); until then the next round uses it again. Sends that keep
    /// failing while the broker answers are a stalled bus, which <see cref="BusStallGuard"/> acts on.
    /// </summary>
    async Task AwaitSendsAsync(List<Task> sends, CancellationTokenSource sending, CancellationTokenSource deadline, CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(sends).WithinAsync(_options.SendTimeout, clock, cancellationToken);
            sendStall.Succeeded();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            sendStall.Failed(clock.GetUtcNow());
            if (exception is not TimeoutException && !deadline.IsCancellationRequested)
                throw;

            await sending.CancelAsync();
            var unconfirmed = sends.Count(s => !s.IsCompletedSuccessfully);
            throw new TimeoutException(
                $"{unconfirmed} of {sends.Count} sends were not confirmed within {_options.SendTimeout}; the round is abandoned and its messages stay due.",
                exception);
        }
    }

    /// <summary>Moves a claimed recurring row on to its next occurrence, or deletes it when it has none, at the next save.</summary>
    static void Advance(SchedulerDbContext db, DueMessage row, DuePlan plan, DateTimeOffset now)
    {
        db.DueMessages.Attach(row);
        if (plan.NextOccurrence is not { } next)
        {
            db.DueMessages.Remove(row);
            return;
        }

        if (plan.Send)
        {
            row.LastSentAt = now;
            row.SentCount += 1;
        }

        row.OccurrenceAt = next;
        row.DueAt = next + Jitter(row);
    }

    DuePlan PlanRecurring(DueMessage row, DateTimeOffset now)
    {
        var rule = row.Rule();

        // Occurrences that came and went while no dispatcher ran are coalesced into this one send.
        var latest = row.OccurrenceAt;
        var missed = new Queue<DateTimeOffset>();
        var next = rule.NextAfter(latest);
        while (next is { } candidate && candidate <= now)
        {
            missed.Enqueue(latest);
            if (missed.Count > DueHeaders.MaxMissed)
                missed.Dequeue();
            latest = candidate;
            next = rule.NextAfter(candidate);
        }

        if (row.SkipMissed)
        {
            var onTime = now - latest <= _options.MisfireThreshold;
            return new DuePlan(onTime, latest, [], next);
        }

        return new DuePlan(true, latest, [.. missed], next);
    }

    Task SendAsync(DueMessage row, DuePlan plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>
        {
            [DueHeaders.Occurrence] = DueHeaders.Format(plan.Occurrence),
            [DueHeaders.SentAt] = DueHeaders.Format(now),
        };
        if (plan.Missed.Count > 0)
            headers[DueHeaders.Missed] = string.Join(",", plan.Missed.Select(DueHeaders.Format));

        return SendAsync(row, headers, cancellationToken);
    }

    async Task SendAsync(DueMessage row, Dictionary<string, string> headers, CancellationToken cancellationToken)
    {
        using var trace = DueTraceContext.StartDispatch(row);
        var destination = new Uri(row.Destination);
        var endpoint = await bus.GetSendEndpoint(destination);
        await endpoint.Send(new SerializedMessageBody(), new DueMessageSendPipe(row, destination, headers), cancellationToken);
    }

    static TimeSpan WholeMilliseconds(TimeSpan wait) =>
        TimeSpan.FromTicks((wait.Ticks + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond);

    static TimeSpan Jitter(DueMessage row) =>
        row.Jitter is { } jitter && jitter > TimeSpan.Zero
            ? TimeSpan.FromTicks(Random.Shared.NextInt64(jitter.Ticks + 1))
            : TimeSpan.Zero;

    [LoggerMessage(Level = LogLevel.Information, Message = "Due message dispatcher started, claiming up to {BatchSize} messages a round")]
    static partial void LogStarted(ILogger logger, int batchSize);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sent {Sent} due messages, skipped {Skipped}")]
    static partial void LogDispatched(ILogger logger, int sent, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dispatch round failed; its messages stay due and are tried again")]
    static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dispatch round missed its deadline and was abandoned: {Reason} The next round starts after the error backoff")]
    static partial void LogRoundAbandoned(ILogger logger, Exception exception, string reason);
}

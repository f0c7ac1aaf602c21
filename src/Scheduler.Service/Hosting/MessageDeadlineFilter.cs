using MassTransit;
using MassTransit.Context;

namespace Scheduler.Service.Hosting;

/// <summary>
/// Gives each message of an endpoint a deadline: its consume token fires once <see cref="Limit"/> has passed, so that
/// everything the message does on that token — its database work, and the replies and events the in-memory outbox
/// delivers after the commit — gives up instead of waiting for ever. A publish stuck writing to a connection the broker
/// closed holds its channel's confirm lock, and RabbitMQ.Client cannot finish closing that connection (so the bus cannot
/// reconnect its endpoints) until the publish's token lets it go. A message past its deadline fails with
/// <see cref="TimeoutException"/>, an outage: it is retried, then returned to its queue. Put it before the outbox.
/// </summary>
public sealed class MessageDeadlineFilter(TimeSpan limit, TimeProvider clock) : IFilter<ConsumeContext>
{
    /// <summary>How long the scheduler's own endpoints give one message, retries included.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long one message may take.</summary>
    public TimeSpan Limit { get; } = limit > TimeSpan.Zero ? limit : throw new ArgumentOutOfRangeException(nameof(limit), limit, "The deadline must be positive.");

    /// <inheritdoc />
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        using var deadline = new CancellationTokenSource(Limit, clock);
        using var message = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, deadline.Token);
        try
        {
            await next.Send(new DeadlineConsumeContext(context, message.Token));
        }
        catch (Exception exception) when (deadline.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The message was not handled within {Limit}; it is tried again.", exception);
        }
    }

    /// <inheritdoc />
    public void Probe(ProbeContext context) => context?.CreateFilterScope("messageDeadline").Add("limit", Limit);

    sealed class DeadlineConsumeContext(ConsumeContext context, CancellationToken cancellationToken) : ConsumeContextScope(context)
    {
        public override CancellationToken CancellationToken => cancellationToken;
    }
}

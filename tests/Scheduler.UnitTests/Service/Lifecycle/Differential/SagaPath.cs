using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;
using Scheduler.Service.Hosting;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.UnitTests.Service.Lifecycle.Differential;

/// <summary>
/// Applies each input as its bus message to the job lifecycle saga (batch admission, the due queue) on MassTransit's in-memory
/// test harness, and waits until it has been consumed. No dispatcher and no handler run: nothing happens but what the
/// test sends.
/// </summary>
public sealed class SagaPath(LifecycleDatabase database)
{
    ITestHarness Harness => database.Provider.GetRequiredService<ITestHarness>();

    /// <summary>Puts the saga and admission on the in-memory bus of <paramref name="database"/>'s services.</summary>
    public static void AddBus(LifecycleDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        database.Services.AddMassTransitTestHarness(x =>
        {
            x.SetTestTimeouts(testTimeout: TimeSpan.FromMinutes(5));
            x.AddJobLifecycle();
            x.UsingInMemory((context, cfg) =>
            {
                cfg.ConfigureJsonSerializerOptions(options => SchedulerJson.Configure(options));
                cfg.ConfigureEndpoints(context);
            });
        });
    }

    public Task StartAsync() => Harness.Start();

    /// <param name="step">The input.</param>
    /// <param name="admitted">True when the job is new and the command has no idempotency key: batch admission decides it, not the saga.</param>
    /// <param name="cancellationToken">Bounds the wait for the message to be consumed.</param>
    public async Task ApplyAsync(JobStep step, bool admitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var queue = QueueFor(step);
        var endpoint = await Harness.Bus.GetSendEndpoint(new Uri($"queue:{queue}"));
        await endpoint.Send(step.Message, step.Message.GetType(), Pipe.Execute<SendContext>(send =>
        {
            send.MessageId = step.MessageId;
            send.ConversationId = step.MessageId;
            send.Headers.Set(JobActor.Header, step.Actor);
            if (step.Token is { } token)
                send.Headers.Set(MessageHeaders.SchedulingTokenId, token.ToString("D"));
            if (step.Occurrence is { } occurrence)
                send.Headers.Set(DueHeaders.Occurrence, DueHeaders.Format(occurrence));
            if (step.SentAt is { } sentAt)
                send.Headers.Set(DueHeaders.SentAt, DueHeaders.Format(sentAt));
            if (step.Missed.Count > 0)
                send.Headers.Set(DueHeaders.Missed, string.Join(",", step.Missed.Select(DueHeaders.Format)));
        }), cancellationToken);

        if (step.Message is ScheduleJob && !admitted)
            await AnsweredAsync(step, cancellationToken);
        else
            await ConsumedAsync(step, queue, cancellationToken);
    }

    /// <summary>
    /// New commands go to admission, other commands to the saga. Due messages go to the due queue, and one in four to
    /// the saga's queue, as due messages stored before the due queue existed do: both paths keep the same rules.
    /// </summary>
    static string QueueFor(JobStep step) => step.Message switch
    {
        ScheduleJob => JobAdmissionDefinition.QueueName,
        JobDue or JobOccurrenceDue or JobRetryDue when step.MessageId.ToByteArray()[15] % 4 != 0 => JobDueDefinition.QueueName,
        _ => JobStateDefinition.QueueName,
    };

    // Consumed is recorded once the consumer is done, after its transaction has committed.
    async Task ConsumedAsync(JobStep step, string queue, CancellationToken cancellationToken)
    {
        bool Mine(IReceivedMessage x) => x.Context.MessageId == step.MessageId && QueueOf(x) == queue;
        if (!await Harness.Consumed.Any(Mine, cancellationToken))
            throw new TimeoutException($"The {queue} queue did not consume {step} in time.");
        if (Harness.Consumed.Select(Mine, CancellationToken.None).First().Exception is { } exception)
            throw new InvalidOperationException($"The {queue} queue faulted on {step}.", exception);
    }

    // Admission forwards the command to the saga under its own message id, which the harness records once only: the
    // saga's answer (sent once its transaction has committed) tells that it is done.
    async Task AnsweredAsync(JobStep step, CancellationToken cancellationToken)
    {
        if (!await Harness.Published.Any(x => x.Context.ConversationId == step.MessageId && x.MessageObject is JobScheduled or JobRejected, cancellationToken))
            throw new TimeoutException($"The saga did not answer {step} in time.");
    }

    /// <summary>The due queue's own address on the bus, as it received a due message, if any.</summary>
    public Uri? DueAddressSeen() =>
        Harness.Consumed.Select(x => QueueOf(x) == JobDueDefinition.QueueName, CancellationToken.None).FirstOrDefault()?.Context.ReceiveContext.InputAddress;

    static string QueueOf(IReceivedMessage message) => message.Context.ReceiveContext.InputAddress.AbsolutePath.Trim('/');
}

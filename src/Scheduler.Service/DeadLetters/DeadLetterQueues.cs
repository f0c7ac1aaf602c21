using Scheduler.Contracts;
using Scheduler.Service.Hosting;
using Scheduler.Service.Validation;

namespace Scheduler.Service.DeadLetters;

/// <summary>
/// The queues whose dead letters the scheduler watches: its own endpoints' (the saga, the message scheduler, admission,
/// run reports, jobs' due messages, run progress) and every known handler's. MassTransit moves a message it could not
/// handle from queue <c>X</c> to <c>X_error</c>.
/// </summary>
public sealed class DeadLetterQueues(HandlerCatalog handlers)
{
    /// <summary>The suffix MassTransit gives a queue's dead-letter queue.</summary>
    public const string ErrorSuffix = "_error";

    /// <summary>The watched queues (not their error queues), endpoints first, then handlers by name.</summary>
    public IReadOnlyList<string> Sources =>
        [.. ServiceQueues.Consumed, .. handlers.Names.Order(StringComparer.Ordinal).Select(HandlerEndpoint.QueueName)];

    /// <summary>The dead-letter queue of <paramref name="source"/>.</summary>
    public static string ErrorQueueOf(string source) => source + ErrorSuffix;

    /// <summary>The watched queue whose dead-letter queue is <paramref name="errorQueue"/>, or null when none is.</summary>
    public string? SourceOf(string errorQueue) =>
        errorQueue.EndsWith(ErrorSuffix, StringComparison.Ordinal) && Sources.Contains(errorQueue[..^ErrorSuffix.Length], StringComparer.Ordinal)
            ? errorQueue[..^ErrorSuffix.Length]
            : null;
}

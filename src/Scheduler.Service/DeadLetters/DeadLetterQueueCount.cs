namespace Scheduler.Service.DeadLetters;

/// <summary>The messages waiting in one dead-letter queue (<c>scheduler-handler-noop_error</c>).</summary>
public sealed record DeadLetterQueueCount(string Queue, long Messages);

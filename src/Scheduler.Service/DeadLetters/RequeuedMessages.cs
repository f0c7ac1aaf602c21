namespace Scheduler.Service.DeadLetters;

/// <summary>Messages moved from dead-letter queue <see cref="Queue"/> back to <see cref="To"/>.</summary>
public sealed record RequeuedMessages(string Queue, string To, long Moved);

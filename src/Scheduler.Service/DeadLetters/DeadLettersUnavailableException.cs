namespace Scheduler.Service.DeadLetters;

/// <summary>The broker could not be asked about its dead-letter queues in time.</summary>
public sealed class DeadLettersUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);

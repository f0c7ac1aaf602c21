namespace Scheduler.Consumers.Handlers;

/// <summary>
/// Thrown by a handler to say that trying the run again cannot help, for example because its input is
/// invalid; the run is reported with <see cref="Contracts.ErrorCategory.Permanent"/> and not retried.
/// </summary>
public sealed class PermanentJobFailureException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public PermanentJobFailureException()
        : base("The job failed and retrying cannot help.")
    {
    }

    /// <summary>Creates the exception with a message for a person.</summary>
    public PermanentJobFailureException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    public PermanentJobFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

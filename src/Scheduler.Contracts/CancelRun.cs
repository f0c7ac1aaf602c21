namespace Scheduler.Contracts;

/// <summary>
/// Command: stop a run that is waiting for its consumer or running. The run ends <c>cancelled</c> and is not retried;
/// the consumer running it has its handler's cancellation token fired (through <see cref="JobRunAbandoned"/>), and a
/// handler that ignores it is abandoned after the job's timeout. Answered with <see cref="RunCancelled"/>,
/// <see cref="JobNotFound"/>, or <see cref="JobCommandRejected"/> when the run has ended or is not the job's.
/// </summary>
public sealed record CancelRun
{
    /// <summary>The job the run belongs to.</summary>
    public Guid JobId { get; init; }

    /// <summary>The run.</summary>
    public Guid RunId { get; init; }

    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; init; }
}

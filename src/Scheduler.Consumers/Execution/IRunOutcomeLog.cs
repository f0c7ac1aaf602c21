namespace Scheduler.Consumers.Execution;

/// <summary>
/// Remembers the runs a consumer has finished, so that a redelivered <c>ExecuteJob</c> (the broker lost the
/// acknowledgement, the host died after the handler finished) does not run the handler a second time.
/// </summary>
public interface IRunOutcomeLog
{
    /// <summary>The outcome recorded for <paramref name="runId"/>, or null when the run has not finished here.</summary>
    Task<RunOutcome?> FindAsync(Guid runId, CancellationToken cancellationToken);

    /// <summary>Records how a run ended, before its outcome is published; a second record of the same run keeps the first.</summary>
    Task RecordAsync(RunOutcome outcome, string handler, CancellationToken cancellationToken);

    /// <summary>Records how many runs ended, together (a log with a database writes them in one statement).</summary>
    async Task RecordAsync(IReadOnlyList<LoggedRunOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        foreach (var logged in outcomes)
            await RecordAsync(logged.Outcome, logged.Handler, cancellationToken);
    }
}

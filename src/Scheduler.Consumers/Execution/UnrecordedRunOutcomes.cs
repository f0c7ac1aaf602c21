namespace Scheduler.Consumers.Execution;

/// <summary>
/// The outcome log of a host without a database: nothing is remembered, so a redelivered run runs again (the
/// scheduler still records each run once). Used by the embedded service, whose in-memory bus does not redeliver.
/// </summary>
public sealed class UnrecordedRunOutcomes : IRunOutcomeLog
{
    /// <inheritdoc />
    public Task<RunOutcome?> FindAsync(Guid runId, CancellationToken cancellationToken) => Task.FromResult<RunOutcome?>(null);

    /// <inheritdoc />
    public Task RecordAsync(RunOutcome outcome, string handler, CancellationToken cancellationToken) => Task.CompletedTask;
}

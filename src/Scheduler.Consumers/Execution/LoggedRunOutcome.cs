namespace Scheduler.Consumers.Execution;

/// <summary>A run's outcome as the outcome log keeps it: with the handler that ran it.</summary>
public sealed record LoggedRunOutcome(RunOutcome Outcome, string Handler);

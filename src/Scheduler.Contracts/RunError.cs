namespace Scheduler.Contracts;

/// <summary>Why a run failed.</summary>
/// <param name="Category">Whether a retry can help.</param>
/// <param name="Message">The error, for a person.</param>
public sealed record RunError(ErrorCategory Category, string Message);

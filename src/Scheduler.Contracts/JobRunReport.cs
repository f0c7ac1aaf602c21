namespace Scheduler.Contracts;

/// <summary>One thing a consumer host reports about a run: exactly one of <see cref="Started"/>, <see cref="Succeeded"/> and <see cref="Failed"/>.</summary>
public sealed record JobRunReport
{
    /// <summary>The run's handler started.</summary>
    public JobRunStarted? Started { get; init; }

    /// <summary>The run's handler completed.</summary>
    public JobRunSucceeded? Succeeded { get; init; }

    /// <summary>The run's handler failed.</summary>
    public JobRunFailed? Failed { get; init; }
}

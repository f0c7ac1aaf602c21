using Scheduler.Contracts;

namespace Scheduler.Consumers.Execution;

/// <summary>How a run ended on a consumer host: exactly one of <see cref="Succeeded"/> and <see cref="Failed"/>.</summary>
public sealed record RunOutcome
{
    /// <summary>The event published when the handler completed.</summary>
    public JobRunSucceeded? Succeeded { get; init; }

    /// <summary>The event published when the handler failed.</summary>
    public JobRunFailed? Failed { get; init; }

    /// <summary>The run.</summary>
    public Guid RunId => Succeeded?.RunId ?? Failed?.RunId ?? Guid.Empty;

    /// <summary>The job.</summary>
    public Guid JobId => Succeeded?.JobId ?? Failed?.JobId ?? Guid.Empty;
}

namespace Scheduler.Consumers.Hosting;

/// <summary>How a consumer host announces itself and stops (configuration section <c>Scheduler:Consumer</c>).</summary>
public sealed class ConsumerHostOptions
{
    public const string SectionName = "Scheduler:Consumer";

    /// <summary>How often the host announces its handlers; the scheduler counts it gone after three silent intervals.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a run goes before its host reports it started. A shorter run reports its start with its outcome (the
    /// audit trail still shows both, in order); zero reports every start at once.
    /// </summary>
    public TimeSpan StartedReportDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a run's outcome (or its start) may take to publish, confirm included. A publish past it is given up and the
    /// run's message goes back to its queue, to be answered from the outcome this host remembers: a confirm lost with its
    /// channel when the broker restarts never comes, and would otherwise hold the run, and its copies, for ever.
    /// </summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>On shutdown, how long runs in flight may take to finish before their tokens fire and they return to the queue.</summary>
    public TimeSpan DrainTime { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// True (the default): runs are reported in batches, as <c>JobRunsReported</c>; false: each start and outcome is its own
    /// event (<c>JobRunStarted</c>, <c>JobRunSucceeded</c>, <c>JobRunFailed</c>), as hosts before batching did.
    /// </summary>
    public bool ReportInBatches { get; set; } = true;

    /// <summary>How long a report waits for others to go out with it.</summary>
    public TimeSpan ReportFlushDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Reports in one message at most.</summary>
    public int ReportBatchSize { get; set; } = 100;
}

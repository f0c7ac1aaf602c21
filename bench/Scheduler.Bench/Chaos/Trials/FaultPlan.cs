namespace Scheduler.Bench.Chaos.Trials;

/// <summary>
/// The load a fault strikes: <see cref="Jobs"/> one-shot <c>noop</c> jobs due from <see cref="Lead"/> ahead, spread
/// evenly over <see cref="Spread"/>, and <see cref="Recurring"/> jobs every <see cref="Every"/> for
/// <see cref="RecurFor"/> from the same instant; the fault at the first due instant plus <see cref="FaultAfter"/>; after
/// the component is back, <see cref="Patience"/> for the last job to be done.
/// </summary>
public sealed record FaultPlan
{
    public int Jobs { get; init; } = 5_000;
    public int Concurrency { get; init; } = 16;
    public TimeSpan Lead { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan Spread { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan FaultAfter { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(90);
    public int Recurring { get; init; }
    public TimeSpan Every { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan RecurFor { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Whether a recurring occurrence that never fired counts as lost. Not when the fault stops every dispatcher (the
    /// broker, the database, the only service): occurrences missed meanwhile are coalesced into one by design (the
    /// misfire policy); only when another instance carries on, and nothing excuses a miss.
    /// </summary>
    public bool RecurringMissesAreLost { get; init; }

    /// <summary>Whether to measure CPU and SQL from the first send to the last job done (W5 does; the chaos cases, which stop the servers measured, do not).</summary>
    public bool MeterUsage { get; init; }

    /// <summary>The consumer host's <c>Scheduler:Consumer:DrainTime</c>.</summary>
    public TimeSpan ConsumerDrain { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Occurrences the recurring jobs owe: each runs at its start and every interval before its end.</summary>
    public long RecurringOccurrences => Recurring * (long)Math.Ceiling(RecurFor / Every);
}

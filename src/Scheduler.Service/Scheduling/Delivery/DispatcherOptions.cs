namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>How the dispatcher claims and sends due messages (configuration section <c>Scheduler:Dispatcher</c>).</summary>
public sealed class DispatcherOptions
{
    public const string SectionName = "Scheduler:Dispatcher";

    /// <summary>Due rows claimed and sent in one transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The longest the dispatcher sleeps without looking at the table: how soon another instance's work is taken over.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait after a failed round (database or broker unreachable) before trying again.</summary>
    public TimeSpan ErrorBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A recurring schedule that drops missed occurrences still sends one that is at most this late.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest the sends of one round, each with its publisher confirm, may take. A confirm lost with its channel
    /// would otherwise hold the round for ever; past this the round is abandoned and its rows stay due.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest one round may take, from claiming its rows to committing; at least <see cref="SendTimeout"/>.</summary>
    public TimeSpan RoundTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Past this lag (or this long without a completed round), the dispatcher's health check reports Degraded.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Past this lag (or this long without a completed round), the dispatcher's health check reports Unhealthy.</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>False on an instance that only serves the API and consumers.</summary>
    public bool Enabled { get; set; } = true;
}

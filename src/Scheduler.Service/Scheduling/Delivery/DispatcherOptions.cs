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

    /// <summary>False on an instance that only serves the API and consumers.</summary>
    public bool Enabled { get; set; } = true;
}

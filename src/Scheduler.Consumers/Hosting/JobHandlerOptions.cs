namespace Scheduler.Consumers.Hosting;

/// <summary>
/// How one handler's queue is consumed; named options keyed by handler name. Set in code with
/// <see cref="JobHandlerRegistrationExtensions.AddJobHandler{THandler}"/> or in configuration under
/// <c>Scheduler:Handlers:{name}</c>, which wins over code so operators can tune a host without a rebuild.
/// </summary>
public sealed class JobHandlerOptions
{
    /// <summary>The configuration section that holds one section per handler name.</summary>
    public const string SectionName = "Scheduler:Handlers";

    /// <summary>The default number of runs of one handler that execute at once on one host.</summary>
    public const int DefaultConcurrency = 5;

    /// <summary>The largest concurrency accepted, a guard against a typo starving the host.</summary>
    public const int MaxConcurrency = 1000;

    /// <summary>
    /// How many runs of the handler execute at once on this host; also the number of messages the
    /// host takes from the queue ahead, so idle hosts can pick up what this one cannot start yet.
    /// </summary>
    public int Concurrency { get; set; } = DefaultConcurrency;
}

namespace Scheduler.Bench.Deployment;

/// <summary>How a <see cref="BenchDeployment"/> differs from the plain one every workload uses.</summary>
public sealed record DeploymentOptions
{
    /// <summary>With a path, the consumer host is the bench's own, journaling each handler start and end there.</summary>
    public string? Journal { get; init; }

    /// <summary>With a key, the service's API is closed (<c>SCHEDULER_ADMIN_API_KEY</c>) and <see cref="BenchDeployment.Api"/> sends it.</summary>
    public string? AdminKey { get; init; }

    /// <summary>More settings for the consumer host.</summary>
    public IReadOnlyDictionary<string, string> ConsumerEnvironment { get; init; } = new Dictionary<string, string>();
}

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>One embedded service for the tests that run on it.</summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedDeploymentDefinition : ICollectionFixture<EmbeddedDeployment>
{
    public const string Name = "embedded deployment";
}

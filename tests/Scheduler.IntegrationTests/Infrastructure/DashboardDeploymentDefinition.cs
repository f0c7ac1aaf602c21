namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>One dashboard deployment and browser for the browser tests.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardDeploymentDefinition : ICollectionFixture<DashboardDeployment>
{
    public const string Name = "dashboard deployment";
}

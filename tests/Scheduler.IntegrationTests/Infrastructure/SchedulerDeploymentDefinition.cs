namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>One stack for all integration tests: starting RabbitMQ endpoints and a database takes seconds.</summary>
[CollectionDefinition(Name)]
public sealed class SchedulerDeploymentDefinition : ICollectionFixture<SchedulerDeployment>
{
    public const string Name = "scheduler deployment";
}

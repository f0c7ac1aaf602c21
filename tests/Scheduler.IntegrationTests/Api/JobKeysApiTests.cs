using MassTransit;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Jobs by key on PostgreSQL and RabbitMQ.</summary>
[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class JobKeysApiTests(SchedulerDeployment deployment) : JobKeysApiBehaviour(deployment)
{
    protected override IPublishEndpoint Bus => deployment.ClientBus;
}

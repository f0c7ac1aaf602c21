using MassTransit;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Metadata of any JSON values on PostgreSQL (jsonb) and RabbitMQ.</summary>
[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class JobMetadataApiTests(SchedulerDeployment deployment) : JobMetadataApiBehaviour(deployment)
{
    protected override IBus Bus => deployment.ClientBus;
}

using MassTransit;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Follow-up jobs on PostgreSQL and RabbitMQ, with a separate consumer service.</summary>
[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class JobFollowUpsApiTests(SchedulerDeployment deployment) : JobFollowUpsApiBehaviour(deployment)
{
    protected override IBus Bus => deployment.ClientBus;
}

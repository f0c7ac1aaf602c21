using MassTransit;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Disable, enable and pause until on PostgreSQL and RabbitMQ.</summary>
[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class JobHoldsApiTests(SchedulerDeployment deployment) : JobHoldsApiBehaviour(deployment)
{
    protected override IBus Bus => deployment.ClientBus;
}

using MassTransit;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Cancelling a run on PostgreSQL and RabbitMQ, with a separate consumer service.</summary>
[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class RunCancelApiTests(SchedulerDeployment deployment) : RunCancelApiBehaviour(deployment)
{
    protected override IBus Bus => deployment.ClientBus;
}

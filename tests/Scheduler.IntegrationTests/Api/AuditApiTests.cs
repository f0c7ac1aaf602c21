using MassTransit;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Who did it, and the service-wide audit, on PostgreSQL and RabbitMQ.</summary>
[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class AuditApiTests(SchedulerDeployment deployment) : AuditApiBehaviour(deployment)
{
    protected override IBus Bus => deployment.ClientBus;

    protected override HttpClient CreateClient() => deployment.Service.CreateClient();
}

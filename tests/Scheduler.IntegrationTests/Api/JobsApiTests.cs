using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>The jobs REST API on PostgreSQL and RabbitMQ, with a separate consumer service.</summary>
[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class JobsApiTests(SchedulerDeployment deployment) : JobsApiBehaviour(deployment);

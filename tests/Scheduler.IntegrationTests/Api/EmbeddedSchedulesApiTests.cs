using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

[Collection(EmbeddedDeploymentDefinition.Name)]
public sealed class EmbeddedSchedulesApiTests(EmbeddedDeployment deployment) : SchedulesApiBehaviour(deployment);

using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class BackfillApiTests(SchedulerDeployment deployment) : BackfillApiBehaviour(deployment);

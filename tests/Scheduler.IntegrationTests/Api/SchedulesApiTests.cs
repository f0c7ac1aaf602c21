using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class SchedulesApiTests(SchedulerDeployment deployment) : SchedulesApiBehaviour(deployment);

using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class DaylightSavingApiTests(SchedulerDeployment deployment) : DaylightSavingApiBehaviour(deployment);

using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class CalendarsApiTests(SchedulerDeployment deployment) : CalendarsApiBehaviour(deployment);

using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

[Collection(SchedulerDeploymentDefinition.Name)]
public sealed class OccurrenceLedgerApiTests(SchedulerDeployment deployment) : OccurrenceLedgerApiBehaviour(deployment);

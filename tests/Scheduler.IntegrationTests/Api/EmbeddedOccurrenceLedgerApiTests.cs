using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

[Collection(EmbeddedDeploymentDefinition.Name)]
public sealed class EmbeddedOccurrenceLedgerApiTests(EmbeddedDeployment deployment) : OccurrenceLedgerApiBehaviour(deployment);

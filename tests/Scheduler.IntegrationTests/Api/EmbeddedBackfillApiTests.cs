using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

[Collection(EmbeddedDeploymentDefinition.Name)]
public sealed class EmbeddedBackfillApiTests(EmbeddedDeployment deployment) : BackfillApiBehaviour(deployment);

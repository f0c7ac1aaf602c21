using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

[Collection(EmbeddedDeploymentDefinition.Name)]
public sealed class EmbeddedDaylightSavingApiTests(EmbeddedDeployment deployment) : DaylightSavingApiBehaviour(deployment);

using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

[Collection(EmbeddedDeploymentDefinition.Name)]
public sealed class EmbeddedCalendarsApiTests(EmbeddedDeployment deployment) : CalendarsApiBehaviour(deployment);

using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>The jobs REST API in the embedded default: SQLite, the in-memory transport, handlers in-process.</summary>
[Collection(EmbeddedDeploymentDefinition.Name)]
public sealed class EmbeddedJobsApiTests(EmbeddedDeployment deployment) : JobsApiBehaviour(deployment);

using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Jobs by key in the embedded default: SQLite and the in-memory transport.</summary>
[Collection(EmbeddedDeploymentDefinition.Name)]
public sealed class EmbeddedJobKeysApiTests(EmbeddedDeployment deployment) : JobKeysApiBehaviour(deployment)
{
    protected override IPublishEndpoint Bus => deployment.Service.Services.GetRequiredService<IBus>();
}

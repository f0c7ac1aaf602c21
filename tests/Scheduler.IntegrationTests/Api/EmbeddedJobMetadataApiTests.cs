using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Metadata of any JSON values in the embedded default: SQLite and the in-memory transport.</summary>
[Collection(EmbeddedDeploymentDefinition.Name)]
public sealed class EmbeddedJobMetadataApiTests(EmbeddedDeployment deployment) : JobMetadataApiBehaviour(deployment)
{
    protected override IBus Bus => deployment.Service.Services.GetRequiredService<IBus>();
}

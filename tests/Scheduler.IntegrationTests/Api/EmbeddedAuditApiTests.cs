using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Who did it, and the service-wide audit, in the embedded default: SQLite and the in-memory transport.</summary>
[Collection(EmbeddedDeploymentDefinition.Name)]
public sealed class EmbeddedAuditApiTests(EmbeddedDeployment deployment) : AuditApiBehaviour(deployment)
{
    protected override IBus Bus => deployment.Service.Services.GetRequiredService<IBus>();

    protected override HttpClient CreateClient() => deployment.Service.CreateClient();
}

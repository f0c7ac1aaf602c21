using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Disable, enable and pause until in the embedded default: SQLite and the in-memory transport.</summary>
[Collection(EmbeddedDeploymentDefinition.Name)]
public sealed class EmbeddedJobHoldsApiTests(EmbeddedDeployment deployment) : JobHoldsApiBehaviour(deployment)
{
    protected override IBus Bus => deployment.Service.Services.GetRequiredService<IBus>();
}

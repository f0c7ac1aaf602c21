using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Cancelling a run in the embedded default: SQLite, the in-memory transport, handlers in-process.</summary>
[Collection(EmbeddedDeploymentDefinition.Name)]
public sealed class EmbeddedRunCancelApiTests(EmbeddedDeployment deployment) : RunCancelApiBehaviour(deployment)
{
    protected override IBus Bus => deployment.Service.Services.GetRequiredService<IBus>();
}

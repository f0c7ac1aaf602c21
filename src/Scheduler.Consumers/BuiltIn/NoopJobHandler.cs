using System.Text.Json;
using Scheduler.Consumers.Handlers;

namespace Scheduler.Consumers.BuiltIn;

/// <summary>The <c>noop</c> handler: succeeds at once without a result.</summary>
public sealed class NoopJobHandler : IJobHandler
{
    /// <inheritdoc />
    public Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<JsonElement?>(null);
    }
}

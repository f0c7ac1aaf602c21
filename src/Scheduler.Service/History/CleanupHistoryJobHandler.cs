using Microsoft.Extensions.Options;
using Scheduler.Consumers.Handlers;

namespace Scheduler.Service.History;

/// <summary>
/// The <c>cleanup-history</c> handler: applies <see cref="RunRetention"/>, with the payload's overrides. Served by the
/// scheduler service, which owns the history; the built-in recurring job <see cref="RetentionJob"/> runs it.
/// </summary>
public sealed class CleanupHistoryJobHandler(RunRetention retention, IOptions<RetentionOptions> options) : IJobHandler<CleanupHistoryRequest>
{
    public async Task<object?> ExecuteAsync(CleanupHistoryRequest payload, JobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var defaults = options.Value;
        var policy = new RetentionOptions
        {
            SucceededFor = payload.SucceededFor ?? defaults.SucceededFor,
            FailedFor = payload.FailedFor ?? defaults.FailedFor,
            MaxSucceededRunsPerJob = payload.MaxSucceededRunsPerJob ?? defaults.MaxSucceededRunsPerJob,
        };
        if (policy.SucceededFor <= TimeSpan.Zero || policy.FailedFor <= TimeSpan.Zero || policy.MaxSucceededRunsPerJob < 1)
            throw new PermanentJobFailureException("succeededFor and failedFor must be positive and maxSucceededRunsPerJob at least 1.");

        var removed = await retention.PruneAsync(policy, cancellationToken);
        return new { removed, policy.SucceededFor, policy.FailedFor, policy.MaxSucceededRunsPerJob };
    }
}

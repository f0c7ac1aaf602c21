using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scheduler.Service.DeadLetters;

namespace Scheduler.Service.Health;

/// <summary>
/// Degraded while messages wait in a dead-letter (<c>_error</c>) queue: nothing handles them until an admin moves them
/// back. Never Unhealthy — an instance restarted by its orchestrator would not empty them. The description lists the
/// queues; the data holds each queue's count and the total.
/// </summary>
internal sealed class DeadLettersHealthCheck(IDeadLetterStore deadLetters) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        DeadLetterCounts counts;
        try
        {
            counts = await deadLetters.CountAsync(cancellationToken);
        }
        catch (DeadLettersUnavailableException e)
        {
            return HealthCheckResult.Degraded($"The dead-letter queues could not be counted: {e.Message}");
        }

        if (counts.Total == 0)
            return HealthCheckResult.Healthy("No message waits in a dead-letter (_error) queue.");

        var data = counts.Queues.ToDictionary(q => q.Queue, q => (object)q.Messages, StringComparer.Ordinal);
        data["total"] = counts.Total;
        var queues = string.Join(", ", counts.Queues.Select(q => $"{q.Queue} ({q.Messages})"));
        return HealthCheckResult.Degraded(
            $"{counts.Total} messages wait in dead-letter queues: {queues}. POST /api/scheduler/dead-letters/requeue moves them back.", data: data);
    }
}

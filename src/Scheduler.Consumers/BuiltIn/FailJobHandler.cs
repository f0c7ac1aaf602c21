using System.Text.Json;
using Scheduler.Consumers.Handlers;

namespace Scheduler.Consumers.BuiltIn;

/// <summary>
/// The <c>fail</c> handler, for exercising retries: with <c>{"message": "boom", "permanent": false, "times": 2}</c>
/// the first <c>times</c> attempts fail and the next one succeeds; without <c>times</c> every attempt fails.
/// A permanent failure is reported as not worth retrying.
/// </summary>
public sealed class FailJobHandler : IJobHandler
{
    /// <summary>The error message when the payload names none.</summary>
    public const string DefaultMessage = "Simulated failure";

    /// <inheritdoc />
    public Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();

        var payload = context.PayloadAs<FailPayload>();
        if (payload?.Times is { } times && context.Attempt > times)
            return Task.FromResult<JsonElement?>(JobResult.From(new FailResult(context.Attempt)));

        var message = string.IsNullOrEmpty(payload?.Message) ? DefaultMessage : payload.Message;
        if (payload?.Permanent == true)
            throw new PermanentJobFailureException(message);

        throw new InvalidOperationException(message);
    }

    sealed record FailPayload(string? Message = null, bool? Permanent = null, int? Times = null);

    sealed record FailResult(int SucceededOnAttempt);
}

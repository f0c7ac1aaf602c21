using System.Text.Json;
using Scheduler.Consumers.Handlers;
using Scheduler.Contracts.Serialization;

namespace Scheduler.Consumers.BuiltIn;

/// <summary>
/// The <c>sleep</c> handler: waits for <c>{"duration": "PT5S"}</c> (default PT1S) and returns
/// <c>{"slept": "PT5S"}</c>; cancellation ends the wait at once.
/// </summary>
public sealed class SleepJobHandler(TimeProvider timeProvider) : IJobHandler
{
    /// <summary>How long the handler sleeps when the payload names no duration.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public async Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);

        var duration = context.PayloadAs<SleepPayload>()?.Duration ?? DefaultDuration;
        if (duration < TimeSpan.Zero)
            throw new PermanentJobFailureException($"The sleep duration {IsoDuration.Format(duration)} is negative.");

        await Task.Delay(duration, timeProvider, cancellationToken);
        return JobResult.From(new SleepResult(IsoDuration.Format(duration)));
    }

    sealed record SleepPayload(TimeSpan? Duration = null);

    sealed record SleepResult(string Slept);
}

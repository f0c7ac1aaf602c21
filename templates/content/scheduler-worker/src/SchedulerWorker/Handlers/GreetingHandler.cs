using Scheduler.Consumers.Handlers;

namespace SchedulerWorker.Handlers;

/// <summary>
/// An example handler: greets the name in its payload. Replace the body with the work of your job; keep it idempotent,
/// since a run can be delivered again after a crash, and honour the cancellation token (it fires at the job's timeout
/// and when the host stops).
/// </summary>
public sealed partial class GreetingHandler(ILogger<GreetingHandler> logger) : IJobHandler<GreetingPayload>
{
    /// <summary>The name jobs give as their <c>handler</c>; it names the queue too (<c>scheduler-handler-example.greet</c>).</summary>
    public const string HandlerName = "example.greet";

    const int MaxTimes = 10;

    public async Task<object?> ExecuteAsync(GreetingPayload payload, JobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(context);

        // Trying again cannot fix a bad payload: a permanent failure is not retried.
        if (string.IsNullOrWhiteSpace(payload.Name) || payload.Times is < 1 or > MaxTimes)
            throw new PermanentJobFailureException($"The payload needs a name and 1 to {MaxTimes} times.");

        var greetings = new List<string>(payload.Times);
        for (var i = 1; i <= payload.Times; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            greetings.Add($"Hello, {payload.Name}!");
            await context.ReportProgressAsync(100.0 * i / payload.Times, $"greeting {i} of {payload.Times}", cancellationToken);
        }

        LogGreeted(logger, payload.Name, payload.Times, context.RunId, context.Attempt);
        return new GreetingResult(greetings);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Greeted {Name} {Times} times in run {RunId} (attempt {Attempt})")]
    static partial void LogGreeted(ILogger logger, string name, int times, Guid runId, int attempt);
}

using System.Text.Json;

namespace Scheduler.Consumers.Handlers;

/// <summary>Runs an <see cref="IJobHandler{TPayload}"/> as an <see cref="IJobHandler"/>: reads the payload, writes the result.</summary>
internal sealed class TypedJobHandler<THandler, TPayload>(THandler handler) : IJobHandler
    where THandler : IJobHandler<TPayload>
{
    public async Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = context.PayloadAs<TPayload>()
            ?? throw new PermanentJobFailureException($"Handler '{context.Handler}' needs a payload of type {typeof(TPayload).Name}; the job has none.");

        var result = await handler.ExecuteAsync(payload, context, cancellationToken);
        return result is null ? null : JsonSerializer.SerializeToElement(result, result.GetType(), HandlerJson.Options);
    }
}

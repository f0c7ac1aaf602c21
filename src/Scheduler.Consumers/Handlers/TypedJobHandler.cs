using System.Text.Json;

namespace Scheduler.Consumers.Handlers;

/// <summary>Runs an <see cref="IJobHandler{TPayload}"/> as an <see cref="IJobHandler"/>: reads the payload, writes the result.</summary>
internal sealed class TypedJobHandler<THandler, TPayload>(THandler handler) : IJobHandler
    where THandler : IJobHandler<TPayload>
{
    public async Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = context.PayloadAs<TPayload>() ?? WithoutPayload(context.Handler);

        var result = await handler.ExecuteAsync(payload, context, cancellationToken);
        return result is null ? null : JsonSerializer.SerializeToElement(result, result.GetType(), HandlerJson.Options);
    }

    // A job without a payload gets an empty object, which suits a payload whose fields all have defaults.
    static TPayload WithoutPayload(string handler)
    {
        try
        {
            return JsonSerializer.Deserialize<TPayload>("{}", HandlerJson.Options)
                   ?? throw new PermanentJobFailureException($"Handler '{handler}' needs a payload of type {typeof(TPayload).Name}; the job has none.");
        }
        catch (JsonException exception)
        {
            throw new PermanentJobFailureException($"Handler '{handler}' needs a payload of type {typeof(TPayload).Name}; the job has none.", exception);
        }
    }
}

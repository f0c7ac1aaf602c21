using System.Text.Json;
using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// Turns the payload of a scheduling command into what the due table stores: the envelope to send, its
/// content type and the command's headers (which carry, for instance, a saga schedule's token).
/// </summary>
internal static class DueMessageCapture
{
    public static void Capture<TCommand>(ConsumeContext<TCommand> context, object payload, string[] payloadType, DueMessage row)
        where TCommand : class
    {
        var serializer = context.SerializerContext.GetMessageSerializer(payload, payloadType);
        var body = serializer.GetMessageBody(new MessageSendContext<TCommand>(context.Message));

        row.Body = body.GetString();
        row.ContentType = context.ReceiveContext.ContentType?.ToString() ?? SystemTextJsonMessageSerializer.JsonContentType.ToString();
        row.MessageType = string.Join(";", payloadType);

        var headers = context.Headers.GetAll()
            .Where(h => !h.Key.StartsWith("Scheduler-", StringComparison.Ordinal))
            .ToDictionary(h => h.Key, h => h.Value);
        DueTraceContext.Stamp(headers);
        row.Headers = headers.Count == 0 ? null : JsonSerializer.Serialize(headers, SystemTextJsonMessageSerializer.Options);
    }
}

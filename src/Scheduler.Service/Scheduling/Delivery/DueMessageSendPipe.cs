using System.Globalization;
using System.Net.Mime;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// Sends a stored envelope as it was captured: the same message types, ids and headers, re-serialized by the
/// serializer that read it, plus the due headers of this occurrence.
/// </summary>
internal sealed class DueMessageSendPipe(DueMessage row, Uri destination, IReadOnlyDictionary<string, string> dueHeaders)
    : IPipe<SendContext>
{
    public Task Send(SendContext context)
    {
        var deserializer = context.Serialization.GetMessageDeserializer(new ContentType(row.ContentType));
        var body = deserializer.GetMessageBody(row.Body);
        var serializerContext = deserializer.Deserialize(body, EmptyHeaders.Instance, destination);

        // Each send is a new message (a recurring schedule sends the same envelope many times).
        context.MessageId = NewId.NextGuid();
        context.CorrelationId = serializerContext.CorrelationId;
        context.ConversationId = serializerContext.ConversationId;
        context.InitiatorId = serializerContext.InitiatorId;
        context.RequestId = serializerContext.RequestId;
        context.SourceAddress = serializerContext.SourceAddress;
        context.ResponseAddress = serializerContext.ResponseAddress;
        context.FaultAddress = serializerContext.FaultAddress;
        context.SupportedMessageTypes = row.MessageType.Split(';', StringSplitOptions.RemoveEmptyEntries);

        foreach (var header in serializerContext.Headers.GetAll())
            context.Headers.Set(header.Key, header.Value);
        foreach (var (key, value) in StoredHeaders())
            context.Headers.Set(key, value);
        foreach (var (key, value) in dueHeaders)
            context.Headers.Set(key, value);

        if (byte.TryParse(context.Headers.Get<string>(DueHeaders.Priority), NumberStyles.None, CultureInfo.InvariantCulture, out var priority))
            context.TrySetPriority(priority);

        context.Serializer = serializerContext.GetMessageSerializer();
        return Task.CompletedTask;
    }

    public void Probe(ProbeContext context)
    {
    }

    IEnumerable<KeyValuePair<string, object>> StoredHeaders()
    {
        if (row.Headers is null)
            yield break;

        var headers = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(row.Headers) ?? [];
        foreach (var (key, value) in headers)
        {
            object? plain = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => value.GetRawText(),
            };
            if (plain is not null)
                yield return new(key, plain);
        }
    }
}

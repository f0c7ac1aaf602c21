using System.Runtime.Serialization;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using Scheduler.Contracts;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Answers a <see cref="ScheduleJob"/> envelope whose message cannot be read as one — a wrong type, a duration or an
/// instant that is not ISO 8601, nesting deeper than the reader allows, a string that is not valid Unicode — the way the
/// saga answers an invalid command: a <see cref="JobRejected"/> naming the field (sent to the requester, or published),
/// and the message consumed. Without it MassTransit would fault such a message into the <c>_error</c> queue, where a
/// client written in another language would never hear why. An envelope that is not JSON at all goes on to MassTransit,
/// whose error queue is the only place for it.
/// </summary>
public sealed partial class UnreadableScheduleJobFilter(TimeProvider clock, ILogger<UnreadableScheduleJobFilter> logger) : IFilter<ReceiveContext>
{
    const string MessageType = "urn:message:Scheduler.Contracts:ScheduleJob";

    // Deeper than MassTransit reads an envelope (SchedulerJson.MaxDepth), so that JSON nested too deep for it is still answered.
    internal static readonly JsonDocumentOptions EnvelopeReading = new() { MaxDepth = 1024 };

    static readonly SystemTextJsonMessageSerializer Serializer = new();

    public Task Send(ReceiveContext context, IPipe<ReceiveContext> next) =>
        AnswerOrPassAsync(context, next, ReadRejection, logger,
            message => LogRejected(logger, message.JobId, string.Join("; ", message.Errors.Select(e => $"{e.Field}: {e.Reason}"))));

    /// <summary>
    /// Answers the envelope with what <paramref name="read"/> makes of it (to the requester, or published), or passes it
    /// on to MassTransit when that is nothing: a readable message, or one that is not for the filter.
    /// </summary>
    internal static async Task AnswerOrPassAsync<T>(ReceiveContext context, IPipe<ReceiveContext> next,
        Func<ReceiveContext, (T Message, Uri? ResponseAddress, Guid? RequestId)?> read, ILogger logger, Action<T> logAnswered)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(logAnswered);

        (T, Uri?, Guid?)? answer;
        try
        {
            answer = read(context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // These filters run outside MassTransit's rescue: what they throw would return the message to its queue again
            // and again. A reading they did not foresee leaves the message to MassTransit's own handling.
            LogUnforeseen(logger, e);
            answer = null;
        }

        if (answer is not { } found)
        {
            await next.Send(context);
            return;
        }

        var (message, responseAddress, requestId) = found;
        logAnswered(message);
        await AnswerAsync(context, message, responseAddress, requestId);
    }

    /// <summary>Sends <paramref name="message"/> to the requester when there is one, else publishes it.</summary>
    static async Task AnswerAsync<T>(ReceiveContext context, T message, Uri? responseAddress, Guid? requestId)
        where T : class
    {
        if (responseAddress is not null)
        {
            var requester = await context.SendEndpointProvider.GetSendEndpoint(responseAddress);
            await requester.Send(message, send => send.RequestId = requestId, context.CancellationToken);
        }
        else
        {
            var events = await context.PublishEndpointProvider.GetPublishSendEndpoint<T>();
            await events.Send(message, context.CancellationToken);
        }
    }

    public void Probe(ProbeContext context) => context?.CreateFilterScope("unreadableScheduleJob");

    /// <summary>The rejection for an envelope that names <see cref="ScheduleJob"/> and whose message cannot be read; else null.</summary>
    (JobRejected Message, Uri? ResponseAddress, Guid? RequestId)? ReadRejection(ReceiveContext context)
    {
        if (context.ContentType?.MediaType is { } mediaType && mediaType != SystemTextJsonMessageSerializer.JsonContentType.MediaType)
            return null;

        // The common case first: MassTransit reads the message, and the filter costs one more reading of it.
        if (ReadError<ScheduleJob>(context) is not { } error)
            return null;

        JsonDocument envelope;
        try
        {
            envelope = JsonDocument.Parse(context.Body.GetBytes(), EnvelopeReading);
        }
        catch (JsonException)
        {
            return null;
        }

        using (envelope)
        {
            var root = envelope.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !NamesScheduleJob(root))
                return null;

            var message = root.TryGetProperty("message", out var value) ? value : default;
            var rejected = new JobRejected
            {
                JobId = Text(message, "jobId") is { } id && Guid.TryParse(id, out var jobId) ? jobId : Guid.Empty,
                TenantId = Text(message, "tenantId") is { } tenant && ScheduleJobValidator.IsTenantName(tenant) ? tenant : "default",
                Errors = [error],
                Timestamp = clock.GetUtcNow(),
            };
            var (responseAddress, requestId) = ReplyTo(root);
            return (rejected, responseAddress, requestId);
        }
    }

    static bool NamesScheduleJob(JsonElement envelope) => Names(envelope, MessageType);

    /// <summary>True when the envelope's <c>messageType</c> names <paramref name="messageType"/>.</summary>
    internal static bool Names(JsonElement envelope, string messageType) =>
        envelope.TryGetProperty("messageType", out var types) && types.ValueKind == JsonValueKind.Array
        && types.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.ValueEquals(messageType));

    /// <summary>Where the envelope asks its answer to go, and the request it answers; both null when it is to be published.</summary>
    internal static (Uri? ResponseAddress, Guid? RequestId) ReplyTo(JsonElement envelope) =>
        (Text(envelope, "responseAddress") is { } address && Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : null,
            Text(envelope, "requestId") is { } request && Guid.TryParse(request, out var requestGuid) ? requestGuid : null);

    /// <summary>
    /// Why MassTransit cannot read the envelope's message as a <typeparamref name="T"/>, or null when it can: read the
    /// way MassTransit reads it (its serializer, its options), so that the two never disagree.
    /// </summary>
    internal static FieldError? ReadError<T>(ReceiveContext context)
        where T : class
    {
        SerializerContext serialized;
        try
        {
            serialized = Serializer.Deserialize(context.Body, context.TransportHeaders, context.InputAddress);
        }
        catch (Exception e) when (e is SerializationException or ArgumentException)
        {
            // JSON, but not an envelope MassTransit can read (nested too deep, a field of the wrong type).
            return new FieldError("message", $"the envelope cannot be read: {Innermost(e).Message.Split(" Path:", 2)[0]}");
        }

        try
        {
            return serialized.TryGetMessage<T>(out var message) && message is not null
                ? null
                : new FieldError("message", $"must be a JSON object with the fields of {typeof(T).Name}");
        }
        catch (JsonException e)
        {
            return JsonFieldError.From(e, root: "message");
        }
        catch (SerializationException e) when (e.InnerException is JsonException json)
        {
            return JsonFieldError.From(json, root: "message");
        }
        catch (Exception e) when (e is SerializationException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException
                                      or OverflowException)
        {
            return new FieldError("message", Innermost(e).Message);
        }
    }

    static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
            exception = exception.InnerException;
        return exception;
    }

    static string? Text(JsonElement element, string property)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
            return null;

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not tell whether an envelope can be read; MassTransit handles it")]
    static partial void LogUnforeseen(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a ScheduleJob for job {JobId} whose message cannot be read: {Errors}")]
    static partial void LogRejected(ILogger logger, Guid jobId, string errors);
}

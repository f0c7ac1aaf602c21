using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using Scheduler.Contracts;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// The bulk counterpart of <see cref="UnreadableScheduleJobFilter"/>: a <see cref="ScheduleJobs"/> that MassTransit
/// cannot read (one of its jobs has a wrong type, say, or a duration that is not ISO 8601) is answered with a
/// <see cref="JobsScheduled"/> rather than faulted. One such job keeps the whole message from being read, so none of its
/// jobs is scheduled; each is answered in order as rejected — the unreadable one with its field, the others naming the
/// job that kept them back — so that the sender can send them again without it.
/// </summary>
public sealed partial class UnreadableScheduleJobsFilter(TimeProvider clock, ILogger<UnreadableScheduleJobsFilter> logger) : IFilter<ReceiveContext>
{
    const string MessageType = "urn:message:Scheduler.Contracts:ScheduleJobs";

    public Task Send(ReceiveContext context, IPipe<ReceiveContext> next) =>
        UnreadableScheduleJobFilter.AnswerOrPassAsync(context, next, ReadAnswer, logger,
            message => LogRejected(logger, message.Results.Count,
                string.Join("; ", message.Results.SelectMany(r => r.Errors).Select(e => $"{e.Field}: {e.Reason}").Distinct())));

    public void Probe(ProbeContext context) => context?.CreateFilterScope("unreadableScheduleJobs");

    /// <summary>The answer for an envelope that names <see cref="ScheduleJobs"/> and whose message cannot be read; else null.</summary>
    (JobsScheduled Message, Uri? ResponseAddress, Guid? RequestId)? ReadAnswer(ReceiveContext context)
    {
        if (context.ContentType?.MediaType is { } mediaType && mediaType != SystemTextJsonMessageSerializer.JsonContentType.MediaType)
            return null;
        if (UnreadableScheduleJobFilter.ReadError<ScheduleJobs>(context) is not { } error)
            return null;

        JsonDocument envelope;
        try
        {
            envelope = JsonDocument.Parse(context.Body.GetBytes(), UnreadableScheduleJobFilter.EnvelopeReading);
        }
        catch (JsonException)
        {
            return null;
        }

        using (envelope)
        {
            var root = envelope.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !UnreadableScheduleJobFilter.Names(root, MessageType))
                return null;

            var (responseAddress, requestId) = UnreadableScheduleJobFilter.ReplyTo(root);
            var answer = new JobsScheduled { Results = Results(root, error), Timestamp = clock.GetUtcNow() };
            return (answer, responseAddress, requestId);
        }
    }

    /// <summary>One rejection per job of the envelope, in order; one for the message when it holds no array of jobs.</summary>
    static List<JobScheduleResult> Results(JsonElement envelope, FieldError error)
    {
        if (!envelope.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object
            || !message.TryGetProperty("jobs", out var jobs) || jobs.ValueKind != JsonValueKind.Array)
            return [new JobScheduleResult { Errors = [error] }];

        var read = jobs.EnumerateArray().Select(Read).ToList();
        var first = read.FindIndex(r => r.Error is not null);
        var keptBack = first < 0
            ? error
            : new FieldError("jobs", $"not scheduled: job {first} of this message cannot be read ({read[first].Error!.Field}); send the others again without it");
        return read.Select(r => new JobScheduleResult { JobId = r.JobId, Errors = [r.Error ?? keptBack] }).ToList();
    }

    /// <summary>One job read as MassTransit reads it: its id, when it has a readable one, and why it cannot be read, if so.</summary>
    static (Guid JobId, FieldError? Error) Read(JsonElement job)
    {
        var jobId = job.ValueKind == JsonValueKind.Object && job.TryGetProperty("jobId", out var id) && id.ValueKind == JsonValueKind.String
                    && Guid.TryParse(id.GetString(), out var parsed)
            ? parsed
            : Guid.Empty;
        try
        {
            job.Deserialize<ScheduleJob>(SystemTextJsonMessageSerializer.Options);
            return (jobId, null);
        }
        catch (JsonException e)
        {
            return (jobId, JsonFieldError.From(e, root: "job"));
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            return (jobId, new FieldError("job", e.Message));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected the {Count} jobs of a ScheduleJobs whose message cannot be read: {Errors}")]
    static partial void LogRejected(ILogger logger, int count, string errors);
}

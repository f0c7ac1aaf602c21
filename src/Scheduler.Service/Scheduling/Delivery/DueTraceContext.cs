using System.Diagnostics;
using MassTransit;
using Scheduler.Consumers.Telemetry;

namespace Scheduler.Service.Scheduling.Delivery;

/// <summary>
/// Keeps a trace going through the due table: the trace context of whoever scheduled a message is stored with it (a
/// header of the stored envelope), and the dispatcher sends it, seconds or months later, under a span that continues
/// that trace, so the handler's run appears in the trace of the REST call or bus message that asked for it.
/// Nothing is read or started while no listener (OpenTelemetry's tracer) wants spans.
/// </summary>
public static class DueTraceContext
{
    /// <summary>The W3C <c>traceparent</c> of the span that scheduled the message.</summary>
    public const string Header = "Scheduler-Trace-Parent";

    // An ActivitySource is immutable and meant to be shared, as .NET's tracing guidance has it.
    static readonly ActivitySource Source = new(TelemetryNames.ServiceActivitySource);

    const string QuotedHeader = "\"" + Header + "\"";

    /// <summary>Stores the current span's context in <paramref name="headers"/>, when there is a span.</summary>
    public static void Stamp(SendHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
            headers.Set(Header, id);
    }

    /// <summary>Stores the current span's context in a bag of headers about to be serialized, when there is a span.</summary>
    public static void Stamp(IDictionary<string, object> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
            headers[Header] = id;
    }

    /// <summary>
    /// Starts the span under which the dispatcher sends <paramref name="row"/>, a child of the span that scheduled it
    /// (or of none); null while nobody listens. MassTransit's send span becomes its child and carries the trace on.
    /// </summary>
    public static Activity? StartDispatch(DueMessage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!Source.HasListeners())
            return null;

        var parent = Read(row.Headers, out var context) ? context : default;
        var activity = Source.StartActivity("scheduler.due dispatch", ActivityKind.Internal, parent);
        activity?.SetTag("scheduler.due.destination", row.Destination);
        return activity;
    }

    /// <summary>Finds the stored <c>traceparent</c> in the row's JSON headers without reading the rest of them.</summary>
    static bool Read(string? headers, out ActivityContext context)
    {
        context = default;
        if (headers is null)
            return false;

        // PostgreSQL's jsonb gives the headers back in its own layout ("key": "value"), SQLite as written.
        var key = QuotedHeader;
        var at = headers.IndexOf(key, StringComparison.Ordinal);
        if (at < 0)
            return false;

        var colon = headers.IndexOf(':', at + key.Length);
        var start = colon < 0 ? -1 : headers.IndexOf('"', colon) + 1;
        if (start <= 0)
            return false;
        var end = headers.IndexOf('"', start);
        return end > start && ActivityContext.TryParse(headers[start..end], null, out context);
    }
}

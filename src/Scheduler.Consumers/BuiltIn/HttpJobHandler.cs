using System.Net;
using System.Net.Mime;
using System.Text;
using System.Text.Json;
using Scheduler.Consumers.Handlers;
using Scheduler.Consumers.Http;

namespace Scheduler.Consumers.BuiltIn;

/// <summary>
/// The <c>http</c> handler: sends the request the payload describes and records the response's status, duration and
/// the start of its body. A status other than the expected one fails the run: a 5xx, 408 or 429 as transient (retried),
/// any other as permanent. A host off the allow-list, or an address that is link-local or a metadata service, is
/// refused as permanent without a connection being made.
/// </summary>
public sealed class HttpJobHandler(OutboundHttpClient http, TimeProvider clock) : IJobHandler<HttpJobRequest>
{
    static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

    public async Task<object?> ExecuteAsync(HttpJobRequest payload, JobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var request = Request(payload);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var limit = payload.Timeout ?? http.Options.DefaultTimeout;
        timeout.CancelAfter(limit);

        var started = clock.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var (body, truncated) = await ExcerptAsync(response, timeout.Token);
            var result = new HttpJobResult((int)response.StatusCode, (long)clock.GetElapsedTime(started).TotalMilliseconds,
                response.Content.Headers.ContentType?.MediaType, body, truncated);

            var expected = payload.ExpectedStatus is { } status ? (int)response.StatusCode == status : response.IsSuccessStatusCode;
            if (expected)
                return result;

            var reason = $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}" +
                         (payload.ExpectedStatus is { } wanted ? $", expected {wanted}" : ", expected a 2xx");
            throw (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                ? new HttpRequestException(reason, null, response.StatusCode)
                : new PermanentJobFailureException(reason);
        }
        catch (Exception exception) when (Refusal(exception) is { } refused)
        {
            throw new PermanentJobFailureException(refused.Message, refused);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{request.Method} {request.RequestUri} took longer than {limit.TotalSeconds:0.###} s.");
        }
    }

    static HttpRequestMessage Request(HttpJobRequest payload)
    {
        if (!Uri.TryCreate(payload.Url, UriKind.Absolute, out var uri))
            throw new PermanentJobFailureException($"'{payload.Url}' is not an absolute URL.");

        var method = (payload.Method ?? "GET").ToUpperInvariant();
        if (!Methods.Contains(method))
            throw new PermanentJobFailureException($"Method '{payload.Method}' is not one of {string.Join(", ", Methods)}.");

        var request = new HttpRequestMessage(new HttpMethod(method), uri);
        if (payload.Body is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } body)
        {
            request.Content = body.ValueKind == JsonValueKind.String
                ? new StringContent(body.GetString()!, Encoding.UTF8, MediaTypeNames.Text.Plain)
                : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, MediaTypeNames.Application.Json);
        }

        foreach (var (name, value) in payload.Headers ?? new Dictionary<string, string>())
        {
            if (!request.Headers.TryAddWithoutValidation(name, value) && request.Content is not null)
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    async Task<(string Body, bool Truncated)> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = http.Options.MaxBodyExcerpt;
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[limit + 1];
        var read = 0;
        int chunk;
        while (read < buffer.Length && (chunk = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            read += chunk;

        var truncated = read > limit;
        return (Encoding.UTF8.GetString(buffer, 0, Math.Min(read, limit)), truncated);
    }

    static OutboundRequestRefusedException? Refusal(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is OutboundRequestRefusedException refused)
                return refused;
        }

        return null;
    }
}

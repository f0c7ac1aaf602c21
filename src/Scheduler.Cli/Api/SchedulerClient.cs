using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scheduler.Cli.Api;

/// <summary>The REST API of one scheduler service, with the API key on every request.</summary>
public sealed class SchedulerClient : IDisposable
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    readonly HttpClient _http;

    public SchedulerClient(Uri baseAddress, string? apiKey, HttpMessageHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = baseAddress;
        _http.Timeout = Timeout;
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(apiKey))
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public Task<ApiResponse> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>Sends a request; a body of null sends none.</summary>
    /// <exception cref="ServiceUnreachableException">Nothing answered at the service's address in time.</exception>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new ServiceUnreachableException($"Cannot reach the scheduler at {_http.BaseAddress}: {exception.Message}", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceUnreachableException($"The scheduler at {_http.BaseAddress} did not answer within {Timeout.TotalSeconds} s.", exception);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return new ApiResponse((int)response.StatusCode, Parse(text), text);
        }
    }

    // As deep as the service writes (SchedulerJson.MaxDepth): a job with a long chain of follow-ups nests far deeper than 64.
    static readonly JsonDocumentOptions Reading = new() { MaxDepth = 512 };

    static JsonElement? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            using var document = JsonDocument.Parse(text, Reading);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Scheduler.Service.Validation;

namespace Scheduler.Service.Api;

/// <summary>
/// Reads a JSON request body into a contract, turning malformed JSON and wrong types into a
/// problem that names the field, instead of the framework's bare 400.
/// </summary>
public static class JsonRequestBody
{
    /// <summary>The largest body the API reads: 256 KiB, payload included.</summary>
    public const int MaxBytes = 256 * 1024;

    public static async Task<(T? Value, ApiProblem? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var (body, problem) = await ReadBytesAsync(request, MaxBytes, cancellationToken);
        if (problem is not null)
            return (null, problem);

        using (body)
        {
            try
            {
                var value = await JsonSerializer.DeserializeAsync<T>(body!, SerializerOptions(request), cancellationToken);
                return value is null
                    ? (null, ApiProblems.Invalid("body", "must be a JSON object"))
                    : (value, null);
            }
            catch (JsonException e)
            {
                return (null, ApiProblems.Invalid([JsonFieldError.From(e)]));
            }
        }
    }

    /// <summary>The body, as long as it is JSON by its content type and at most <paramref name="maxBytes"/> long; else the problem to answer.</summary>
    public static async Task<(MemoryStream? Body, ApiProblem? Problem)> ReadBytesAsync(HttpRequest request, int maxBytes,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
            return (null, ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type", "Send the body as JSON with Content-Type: application/json."));

        // Checked here rather than left to the server, so that every host (Kestrel, a test server) refuses the same bodies.
        if (request.ContentLength > maxBytes)
            return (null, TooLarge(maxBytes));

        var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > maxBytes)
            {
                await body.DisposeAsync();
                return (null, TooLarge(maxBytes));
            }

            body.Write(buffer, 0, read);
        }

        body.Position = 0;
        return (body, null);
    }

    /// <summary>The API's JSON options: the contracts' wire format.</summary>
    public static JsonSerializerOptions SerializerOptions(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
    }

    static ApiProblem TooLarge(int maxBytes) =>
        ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "The request body is too large", $"A request body may be at most {maxBytes / 1024} KiB.");
}

using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Scheduler.Service.Api;

/// <summary>
/// Reads a JSON request body into a contract, turning malformed JSON and wrong types into a
/// problem that names the field, instead of the framework's bare 400.
/// </summary>
public static class JsonRequestBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type", detail: "Send the body as JSON with Content-Type: application/json."));

        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, options, cancellationToken);
            return value is null
                ? (null, ApiProblems.Invalid("body", "must be a JSON object"))
                : (value, null);
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return (null, ApiProblems.Invalid(field, Describe(e)));
        }
    }

    static string Describe(JsonException e) =>
        e.InnerException is FormatException or InvalidOperationException && e.InnerException.Message.Length > 0
            ? e.InnerException.Message
            : e.Message.Split(" Path:", 2)[0];
}

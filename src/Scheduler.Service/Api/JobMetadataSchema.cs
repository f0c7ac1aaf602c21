using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Scheduler.Service.Api;

/// <summary>
/// Describes a job's <c>metadata</c> in the OpenAPI document as what it is: an object whose values may be any JSON. Left
/// alone, the generator writes a bare <c>object</c>, which says nothing of its values.
/// </summary>
internal sealed class JobMetadataSchema : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonTypeInfo.Type == typeof(IReadOnlyDictionary<string, JsonElement>))
        {
            schema.AdditionalProperties = new OpenApiSchema();
            schema.Description ??= "A JSON object whose values may be any JSON: strings, numbers, booleans, null, arrays, objects; at most 16 KiB.";
        }

        return Task.CompletedTask;
    }
}

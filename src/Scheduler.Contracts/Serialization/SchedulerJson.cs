using System.Text.Json;
using System.Text.Json.Serialization;

namespace Scheduler.Contracts.Serialization;

/// <summary>
/// The wire format of the contracts: camelCase names, enums as camelCase strings, durations as
/// ISO 8601 strings, instants in UTC. Apply it to every serializer that reads or writes them
/// (MassTransit's and ASP.NET Core's), so the bus and the REST API speak the same JSON.
/// </summary>
public static class SchedulerJson
{
    /// <summary>
    /// How deeply JSON may nest on the wire: a chain of follow-up jobs nests two levels a job (an object in an array), so
    /// System.Text.Json's default of 64 would refuse a chain of 32; this allows the longest chain the scheduler accepts
    /// (128 jobs) inside a message envelope, with room for payloads.
    /// </summary>
    public const int MaxDepth = 512;

    /// <summary>Adds the converters and naming of the contracts' wire format to <paramref name="options"/>.</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null;
        // Set only when it differs: options already in use (MassTransit's are process-wide) refuse any change.
        if (options.MaxDepth != MaxDepth)
            options.MaxDepth = MaxDepth;
        // Idempotent: MassTransit's options are process-wide, and every bus in a process configures them.
        if (!options.Converters.OfType<IsoDurationJsonConverter>().Any())
        {
            options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            options.Converters.Add(new IsoDurationJsonConverter());
            options.Converters.Add(new UtcInstantJsonConverter());
            options.Converters.Add(new UnicodeJsonElementConverter());
        }

        return options;
    }

    /// <summary>A new options instance with the contracts' wire format.</summary>
    public static JsonSerializerOptions CreateOptions() => Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));
}

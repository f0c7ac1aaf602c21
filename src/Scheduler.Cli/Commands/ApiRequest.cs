using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Scheduler.Cli.Commands;

/// <summary>
/// One call of the REST API that a command makes. <paramref name="ShowAnyAnswer"/>: the body is the answer even when the
/// status says no (health), so it is printed as a result and the exit code still says refused.
/// </summary>
public sealed record ApiRequest(HttpMethod Method, string Path, JsonNode? Body = null, bool ShowAnyAnswer = false)
{
    /// <summary>
    /// Set, the resource at <see cref="Path"/> is read first and this makes the body from it: a change of some fields
    /// sent where the API replaces the whole definition.
    /// </summary>
    public Func<JsonElement, JsonNode>? BodyFromCurrent { get; init; }

    public static ApiRequest Get(string path, params (string Name, string? Value)[] query) => new(HttpMethod.Get, WithQuery(path, query));

    public static ApiRequest Post(string path, JsonNode? body = null) => new(HttpMethod.Post, path, body);

    /// <summary><paramref name="path"/> with the parameters that have a value, escaped.</summary>
    public static string WithQuery(string path, IEnumerable<(string Name, string? Value)> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in query)
        {
            if (value is null)
                continue;
            text.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return text.ToString();
    }
}

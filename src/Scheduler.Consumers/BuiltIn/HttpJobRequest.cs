using System.Text.Json;

namespace Scheduler.Consumers.BuiltIn;

/// <summary>The payload of the <c>http</c> handler.</summary>
/// <param name="Url">The absolute http or https URL; its host must be allowed (<c>Scheduler:Http:AllowedHosts</c>).</param>
/// <param name="Method">GET (default), POST, PUT, PATCH, DELETE, HEAD.</param>
/// <param name="Headers">Request headers.</param>
/// <param name="Body">A JSON value sent as <c>application/json</c>, or a string sent as it is.</param>
/// <param name="ExpectedStatus">The status that counts as success; without it any 2xx does.</param>
/// <param name="Timeout">How long the request may take (default <c>Scheduler:Http:DefaultTimeout</c>, 30 s).</param>
public sealed record HttpJobRequest(
    string Url,
    string? Method = null,
    IReadOnlyDictionary<string, string>? Headers = null,
    JsonElement? Body = null,
    int? ExpectedStatus = null,
    TimeSpan? Timeout = null);

using System.Text.Json;

namespace Scheduler.Service.Api;

/// <summary>
/// A handler as <c>GET /api/handlers</c> lists it: how the scheduler knows it (<c>builtIn</c>, <c>configured</c>,
/// <c>announced</c>), whether any host serves it now, its payload's schema when a typed handler announced one, and its hosts.
/// </summary>
public sealed record HandlerResponse(string Name, string Queue, bool BuiltIn, string Source, bool Online, JsonElement? PayloadSchema,
    IReadOnlyList<HandlerHostResponse> Hosts);

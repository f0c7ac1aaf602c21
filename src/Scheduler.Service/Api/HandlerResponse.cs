namespace Scheduler.Service.Api;

/// <summary>A handler as <c>GET /api/handlers</c> lists it.</summary>
public sealed record HandlerResponse(string Name, string Queue, bool BuiltIn);

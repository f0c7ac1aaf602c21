namespace Scheduler.Service.Api;

/// <summary>The answer of <c>GET /</c>.</summary>
public sealed record ServiceDescription(string Name, string Version, string Mode, string OpenApi, IReadOnlyList<ServiceRoute> Routes);

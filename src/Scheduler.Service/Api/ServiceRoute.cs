namespace Scheduler.Service.Api;

/// <summary>One route of the service: its method, path template and what it does.</summary>
public sealed record ServiceRoute(string Method, string Path, string? Summary);

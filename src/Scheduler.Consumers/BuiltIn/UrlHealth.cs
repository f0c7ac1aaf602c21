namespace Scheduler.Consumers.BuiltIn;

/// <summary>One URL's answer to the <c>health-check</c> handler.</summary>
public sealed record UrlHealth(string Url, bool Healthy, int? Status, long DurationMs, string? Error);

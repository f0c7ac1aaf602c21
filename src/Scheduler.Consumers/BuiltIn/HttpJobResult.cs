namespace Scheduler.Consumers.BuiltIn;

/// <summary>The result of the <c>http</c> handler: the response's status, how long it took, and the start of its body.</summary>
public sealed record HttpJobResult(int Status, long DurationMs, string? ContentType, string Body, bool Truncated);

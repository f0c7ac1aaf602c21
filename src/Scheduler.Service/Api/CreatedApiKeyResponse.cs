namespace Scheduler.Service.Api;

/// <summary>The answer to <c>POST /api/keys</c>: the key's secret, shown this once, and the key.</summary>
public sealed record CreatedApiKeyResponse(string Key, ApiKeyResponse ApiKey);

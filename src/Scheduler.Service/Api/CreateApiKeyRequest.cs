using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary>The body of <c>POST /api/keys</c>: what the key is for, its tenant (default <c>default</c>) and role (default member).</summary>
public sealed record CreateApiKeyRequest(string? Name, string? TenantId, ApiKeyRole? Role);

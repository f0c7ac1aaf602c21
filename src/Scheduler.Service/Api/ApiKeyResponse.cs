using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Api;

/// <summary>An API key as the API shows it: never its secret, only the secret's first characters.</summary>
public sealed record ApiKeyResponse(Guid Id, string Name, string TenantId, ApiKeyRole Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyResponse From(ApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Id, key.Name, key.TenantId, key.Role, key.Prefix, key.CreatedAt, key.RevokedAt);
    }
}

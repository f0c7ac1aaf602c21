namespace Scheduler.Service.Tenancy;

/// <summary>Names shared by the API key scheme, its claims and the authorization policies.</summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    /// <summary>The configuration key (an environment variable) holding the admin key of tenant <c>default</c>.</summary>
    public const string AdminKeySetting = "SCHEDULER_ADMIN_API_KEY";

    public const string TenantClaim = "scheduler:tenant";
    public const string RoleClaim = "scheduler:role";
    public const string KeyClaim = "scheduler:key";

    /// <summary>The key's name: a stored key's label, or <c>admin</c> and <c>open</c> for the configured admin key and the open API.</summary>
    public const string KeyNameClaim = "scheduler:key-name";

    /// <summary>Policy of the routes any key may call.</summary>
    public const string MemberPolicy = "member";

    /// <summary>Policy of the routes only an admin key may call.</summary>
    public const string AdminPolicy = "admin";
}

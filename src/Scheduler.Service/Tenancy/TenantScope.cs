namespace Scheduler.Service.Tenancy;

/// <summary>
/// Whose data the current scope may touch. Empty for the scheduler's own work (the saga, the dispatcher), which
/// spans every tenant; set from the API key for a request, which then sees its tenant's rows only.
/// </summary>
public sealed class TenantScope
{
    /// <summary>The tenant of the request, or null for the scheduler's own work.</summary>
    public string? TenantId { get; private set; }

    /// <summary>The role of the request's key.</summary>
    public ApiKeyRole? Role { get; private set; }

    /// <summary>True when the database must also enforce the tenant (row-level security): a member's request.</summary>
    public bool IsRestricted => TenantId is not null && Role == ApiKeyRole.Member;

    /// <summary>Binds the scope to a tenant and role; a scope is bound once.</summary>
    public void Enter(string tenantId, ApiKeyRole role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        if (TenantId is not null && (TenantId != tenantId || Role != role))
            throw new InvalidOperationException($"The scope is bound to tenant '{TenantId}' already.");

        TenantId = tenantId;
        Role = role;
    }
}

namespace Scheduler.Service.Tenancy;

/// <summary>An API key as stored: its secret only as a hash, its tenant and role, and when it was revoked.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public string TenantId { get; set; } = "";
    public ApiKeyRole Role { get; set; }

    /// <summary>A label for people: what the key is for.</summary>
    public string Name { get; set; } = "";

    /// <summary>The SHA-256 of the secret, hex: the secret itself is shown once, when the key is created.</summary>
    public string SecretHash { get; set; } = "";

    /// <summary>The secret's first characters, to tell keys apart in a list.</summary>
    public string Prefix { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive => RevokedAt is null;
}

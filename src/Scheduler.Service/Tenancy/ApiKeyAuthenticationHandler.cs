using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Scheduler.Contracts;
using Scheduler.Service.Dashboard;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Tenancy;

/// <summary>
/// Authenticates a request by its API key (<c>Authorization: Bearer &lt;key&gt;</c> or <c>X-Api-Key</c>): the admin key
/// from configuration, or a stored key that is not revoked. Binds the request's <see cref="TenantScope"/> to the key's
/// tenant. With no admin key configured the API is open (a development setup): a request without a key acts as the
/// admin of tenant <c>default</c>.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IConfiguration configuration,
    SchedulerDbContext db,
    TenantScope scope) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var adminKey = configuration[ApiKeyAuthentication.AdminKeySetting];
        var presented = PresentedKey();
        if (presented is null)
            return string.IsNullOrEmpty(adminKey) ? Success(Tenants.Default, ApiKeyRole.Admin, ApiKeyActor.OpenKey, ApiKeyActor.OpenKey) : AuthenticateResult.NoResult();

        if (!string.IsNullOrEmpty(adminKey) && ApiKeySecret.Matches(presented, adminKey))
            return Success(Tenants.Default, ApiKeyRole.Admin, ApiKeyActor.AdminKey, ApiKeyActor.AdminKey);

        var hash = ApiKeySecret.Hash(presented);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.SecretHash == hash, Context.RequestAborted);
        return key is { IsActive: true }
            ? Success(key.TenantId, key.Role, key.Id.ToString("N"), key.Name)
            : AuthenticateResult.Fail("The API key is not valid or was revoked.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.Append(HeaderNames.WWWAuthenticate, "Bearer realm=\"scheduler\"");
        return base.HandleChallengeAsync(properties);
    }

    string? PresentedKey()
    {
        if (Request.Headers.TryGetValue(ApiKeyAuthentication.HeaderName, out var header) && header.ToString() is { Length: > 0 } key)
            return key.Trim();

        var authorization = Request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > bearer.Length)
            return authorization[bearer.Length..].Trim();

        // The dashboard keeps the key in a cookie of its own path, so a browser never sends it to /api (no CSRF there).
        return Request.Path.StartsWithSegments(DashboardCookie.Path) && Request.Cookies[DashboardCookie.Name] is { Length: > 0 } cookie
            ? cookie
            : null;
    }

    AuthenticateResult Success(string tenantId, ApiKeyRole role, string keyId, string keyName)
    {
        scope.Enter(tenantId, role);
        var identity = new ClaimsIdentity(
        [
            new Claim(ApiKeyAuthentication.TenantClaim, tenantId),
            new Claim(ApiKeyAuthentication.RoleClaim, role.ToString().ToLowerInvariant()),
            new Claim(ApiKeyAuthentication.KeyClaim, keyId),
            new Claim(ApiKeyAuthentication.KeyNameClaim, keyName),
        ], ApiKeyAuthentication.Scheme, ApiKeyAuthentication.KeyClaim, ApiKeyAuthentication.RoleClaim);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyAuthentication.Scheme));
    }
}

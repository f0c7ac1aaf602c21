using System.Globalization;
using System.Security.Claims;

namespace Scheduler.Service.Tenancy;

/// <summary>
/// Names the API key behind a request as the audit trail's actor: <c>key:&lt;name&gt;:&lt;id&gt;</c> for a stored key over
/// REST (the CLI included), <c>dashboard:&lt;name&gt;:&lt;id&gt;</c> for the same key acting from the dashboard; the admin key
/// from configuration is <c>key:admin</c> (<c>dashboard:admin</c>) and a request to an open API (no admin key configured)
/// <c>key:open</c> (<c>dashboard:open</c>). The id comes last, so a name holding a colon still reads unambiguously.
/// </summary>
public static class ApiKeyActor
{
    /// <summary>The key name of the admin key from configuration, which has neither a stored name nor an id.</summary>
    public const string AdminKey = "admin";

    /// <summary>The key name of a request to an open API (no admin key configured), which presents no key.</summary>
    public const string OpenKey = "open";

    /// <summary>What a request's principal is named when it carries no key (a route that lets anyone in).</summary>
    public const string Anonymous = "anonymous";

    const string RestChannel = "key";
    const string DashboardChannel = "dashboard";

    /// <summary>The longest part of a key's name an actor keeps: the audit column holds 200 characters in all.</summary>
    public const int MaxNameLength = 150;

    /// <summary>The actor of a REST request (<c>key:…</c>).</summary>
    public static string Of(ClaimsPrincipal user) => Name(RestChannel, user);

    /// <summary>The actor of a dashboard action (<c>dashboard:…</c>).</summary>
    public static string OfDashboard(ClaimsPrincipal user) => Name(DashboardChannel, user);

    static string Name(string channel, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var key = user.FindFirstValue(ApiKeyAuthentication.KeyClaim);
        if (string.IsNullOrEmpty(key))
            return $"{channel}:{Anonymous}";
        if (!Guid.TryParseExact(key, "N", out var id))
            return $"{channel}:{key}";

        var name = user.FindFirstValue(ApiKeyAuthentication.KeyNameClaim) is { Length: > 0 } label ? label : "";
        if (name.Length > MaxNameLength)
            name = name[..MaxNameLength];
        return string.Create(CultureInfo.InvariantCulture, $"{channel}:{name}:{id:D}");
    }
}

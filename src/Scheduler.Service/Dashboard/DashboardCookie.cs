namespace Scheduler.Service.Dashboard;

/// <summary>
/// The cookie the dashboard keeps an operator's API key in after sign-in: HttpOnly (no script reads it), SameSite strict
/// (no other site's page sends it) and scoped to <see cref="Path"/>, so the browser never presents it to <c>/api</c>.
/// </summary>
public static class DashboardCookie
{
    public const string Name = "scheduler-dashboard-key";

    /// <summary>Where the dashboard lives; the cookie is sent only below it.</summary>
    public const string Path = "/dashboard";

    /// <summary>How long a sign-in lasts without a new one.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    public static CookieOptions Options(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = request.IsHttps,
            Path = Path,
            MaxAge = Lifetime,
            IsEssential = true,
        };
    }
}

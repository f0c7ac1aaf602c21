using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Dashboard;

/// <summary>
/// A dashboard page: sends a visitor without an accepted key to the sign-in page, and answers 403 to a member who asks
/// for an admin page or posts an admin action. The key itself is checked by the API's own authentication (it reads the
/// dashboard's cookie), so a page sees exactly the tenant and role the REST API would.
/// </summary>
public abstract class DashboardPage : PageModel
{
    /// <summary>The actor the audit trail names for actions taken from the dashboard.</summary>
    public const string Actor = "dashboard";

    /// <summary>True when only an admin key may see the page or post to it.</summary>
    protected virtual bool AdminOnly => false;

    public bool IsAdmin => User.HasClaim(ApiKeyAuthentication.RoleClaim, nameof(ApiKeyRole.Admin).ToLowerInvariant());

    public string Tenant => User.FindFirstValue(ApiKeyAuthentication.TenantClaim) ?? "";

    /// <summary>What the last action did, shown once after its redirect.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>Why the last action was refused, shown once after its redirect.</summary>
    [TempData]
    public string? Failure { get; set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (User.Identity?.IsAuthenticated != true)
        {
            context.Result = Redirect($"{DashboardCookie.Path}/login?returnUrl={Uri.EscapeDataString(Request.Path + Request.QueryString)}");
            return;
        }

        if (AdminOnly && !IsAdmin)
        {
            context.Result = StatusCode(StatusCodes.Status403Forbidden);
            return;
        }

        await next();
    }

    /// <summary>A field of a filter form: empty means no filter.</summary>
    protected static string? Filter(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Keeps the outcome of an action for the page the browser is sent back to.</summary>
    protected IActionResult AfterAction(string? problem, string done, string returnTo)
    {
        if (problem is null)
            Notice = done;
        else
            Failure = problem;
        return LocalRedirect(returnTo);
    }
}

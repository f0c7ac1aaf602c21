using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Scheduler.Consumers.Hosting;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Dashboard;

/// <summary>
/// A dashboard page: sends a visitor without an accepted key to the sign-in page, and answers 403 to a member who asks
/// for an admin page or posts an admin action. The key itself is checked by the API's own authentication (it reads the
/// dashboard's cookie), so a page sees exactly the tenant and role the REST API would.
/// </summary>
public abstract class DashboardPage : PageModel
{
    /// <summary>The actor the audit trail names for actions taken from the dashboard: <c>dashboard:</c> and the visitor's key.</summary>
    protected string Actor => ApiKeyActor.OfDashboard(User);

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

        var executed = await next();
        if (executed.Exception is { } failure && !executed.ExceptionHandled && Outage.IsCauseOf(failure))
        {
            // The request was fine: say so in a page that retries by itself, not with a stack trace or a 500.
            executed.ExceptionHandled = true;
            Response.Headers.RetryAfter = "5";
            executed.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status503ServiceUnavailable,
                ContentType = "text/html; charset=utf-8",
                Content = Unavailable,
            };
        }
    }

    const string Unavailable = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="refresh" content="5"><title>Unavailable · Scheduler</title><link rel="stylesheet" href="/dashboard/assets/dashboard.css"></head>
        <body><main><section class="card narrow" id="unavailable"><h1>The scheduler is busy</h1>
        <p>The database or the broker could not serve this page in time. It reloads itself in 5 s; nothing was lost.</p>
        </section></main></body></html>
        """;

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

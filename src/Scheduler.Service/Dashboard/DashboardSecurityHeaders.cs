using Microsoft.AspNetCore.Mvc.Filters;

namespace Scheduler.Service.Dashboard;

/// <summary>
/// Headers on every dashboard page: no framing by another site (its buttons act on jobs, so no clickjacking), and a
/// content security policy that lets the page load only its own stylesheet and script.
/// </summary>
public sealed class DashboardSecurityHeaders : IResultFilter
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}

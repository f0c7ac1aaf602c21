using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Scheduler.Service.Dashboard;

/// <summary>
/// <c>/dashboard/login</c>: asks for an API key once and keeps it in the dashboard's cookie. The key is checked on the
/// next request by the API's authentication; a key it refuses comes back here with the cookie cleared.
/// </summary>
public sealed class LoginModel : PageModel
{
    [BindProperty]
    public string? ApiKey { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
        // A cookie the API refused: say so once, and forget it.
        if (Request.Cookies.ContainsKey(DashboardCookie.Name) && User.Identity?.IsAuthenticated != true)
        {
            Problem = "That API key was not accepted (unknown or revoked). Sign in with another.";
            Response.Cookies.Delete(DashboardCookie.Name, DashboardCookie.Options(Request));
        }
    }

    public IActionResult OnPost()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            Problem = "Enter an API key.";
            return Page();
        }

        Response.Cookies.Append(DashboardCookie.Name, ApiKey.Trim(), DashboardCookie.Options(Request));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith(DashboardCookie.Path, StringComparison.Ordinal) ? ReturnUrl : DashboardCookie.Path);
    }

    public IActionResult OnPostSignOut()
    {
        Response.Cookies.Delete(DashboardCookie.Name, DashboardCookie.Options(Request));
        return LocalRedirect($"{DashboardCookie.Path}/login");
    }
}

using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Scheduler.Service.Dashboard;

/// <summary>The dashboard at <c>/dashboard</c>: Razor Pages rendered on the server, with its stylesheet and its one small script.</summary>
public static class DashboardRegistration
{
    const string AssetPrefix = "Scheduler.Service.Dashboard.Assets.";

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Dashboard";
            options.Conventions.ConfigureFilter(new DashboardSecurityHeaders());
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "scheduler-dashboard-antiforgery";
            options.Cookie.Path = DashboardCookie.Path;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages().ExcludeFromDescription();
        MapAsset(app, "dashboard.css", "text/css; charset=utf-8");
        MapAsset(app, "dashboard.js", "text/javascript; charset=utf-8");
        return app;
    }

    static void MapAsset(IEndpointRouteBuilder app, string name, string contentType)
    {
        var bytes = ReadAsset(name);
        app.MapGet($"{DashboardCookie.Path}/assets/{name}", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=300";
            return TypedResults.Bytes(bytes, contentType);
        }).ExcludeFromDescription();
    }

    static byte[] ReadAsset(string name)
    {
        using var stream = typeof(DashboardRegistration).Assembly.GetManifestResourceStream(AssetPrefix + name)
            ?? throw new InvalidOperationException($"The dashboard asset {name} is not embedded in the service.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

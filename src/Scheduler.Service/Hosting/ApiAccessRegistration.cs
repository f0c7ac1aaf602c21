using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Scheduler.Service.Tenancy;

namespace Scheduler.Service.Hosting;

/// <summary>Who may call the API and how often: API key authentication, the member and admin policies, and a rate limit per key.</summary>
public static class ApiAccessRegistration
{
    public static IServiceCollection AddApiAccess(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddAuthentication(ApiKeyAuthentication.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, _ => { });
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthentication.MemberPolicy, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(ApiKeyAuthentication.AdminPolicy, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthentication.RoleClaim, nameof(ApiKeyRole.Admin).ToLowerInvariant()));

        var limits = configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        if (limits.PermitsPerSecond < 1 || limits.Burst < 1)
            throw new InvalidOperationException($"{RateLimitOptions.SectionName} needs PermitsPerSecond and Burst of at least 1.");

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetTokenBucketLimiter(KeyOf(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = limits.Burst,
                        TokensPerPeriod = limits.PermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                        detail: $"This API key is over its limit of {limits.PermitsPerSecond} requests per second; retry after {seconds} s.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    // Per key; requests that carry none (open mode, or on their way to a 401) share one bucket per address.
    static string KeyOf(HttpContext context) =>
        context.User.FindFirstValue(ApiKeyAuthentication.KeyClaim) is { } key
            ? $"key:{key}"
            : $"ip:{context.Connection.RemoteIpAddress}";
}

using System.Globalization;

namespace Scheduler.Service.Api;

/// <summary>A result that tells the client when to try again (<c>Retry-After</c>, in whole seconds) before it is written.</summary>
public sealed class RetryAfterResult(IResult inner, TimeSpan after) : IResult
{
    /// <summary>What the API's 503 answers say: the usual wait for a pool connection or a saga reply to free up.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(2);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return inner.ExecuteAsync(httpContext);
    }
}

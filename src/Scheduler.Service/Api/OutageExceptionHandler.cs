using Microsoft.AspNetCore.Diagnostics;
using Scheduler.Consumers.Hosting;

namespace Scheduler.Service.Api;

/// <summary>
/// Answers an API request that failed for an outage — no database connection within the API pool's wait, PostgreSQL
/// refusing or out of connections, the broker unreachable (see <see cref="Outage"/>) — with 503 and <c>Retry-After</c>
/// as problem details, instead of a 500: the request was fine and can be sent again. Other paths and other failures go
/// on to the default handling.
/// </summary>
public sealed partial class OutageExceptionHandler(ILogger<OutageExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (!httpContext.Request.Path.StartsWithSegments("/api") || !Outage.IsCauseOf(exception))
            return false;

        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        var problem = TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The scheduler is busy",
            detail: $"The database or the broker could not serve this request in time. Retry after {RetryAfterResult.Default.TotalSeconds:0} s.");
        await new RetryAfterResult(problem, RetryAfterResult.Default).ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Reason}")]
    static partial void LogUnavailable(ILogger logger, string method, string path, string reason);
}

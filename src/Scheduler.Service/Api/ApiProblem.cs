namespace Scheduler.Service.Api;

/// <summary>
/// A problem answer of the API (RFC 7807: a validation problem, a problem with a status, or a 503 with
/// <c>Retry-After</c>), as one type so that a handler's <c>Results&lt;…&gt;</c> can name it beside its successes.
/// Which statuses a route answers with it is declared on the route (<c>ProducesProblem</c>), since one type covers several.
/// </summary>
public sealed class ApiProblem : IResult, IStatusCodeHttpResult, INestedHttpResult
{
    internal ApiProblem(IResult result)
    {
        Result = result;
        StatusCode = (result as IStatusCodeHttpResult)?.StatusCode;
    }

    /// <summary>The result that writes the problem.</summary>
    public IResult Result { get; }

    public int? StatusCode { get; }

    public Task ExecuteAsync(HttpContext httpContext) => Result.ExecuteAsync(httpContext);
}

using Microsoft.AspNetCore.Http.HttpResults;

namespace Scheduler.Service.Dashboard;

/// <summary>
/// Reads what an API route answered when the dashboard calls it in-process: the value of a success, or the reason of a
/// problem, so that the pages show exactly what the REST API would return.
/// </summary>
internal static class ApiAnswer
{
    public static T? Value<T>(IResult result)
        where T : class =>
        Unwrapped(result) is IValueHttpResult { Value: T value } ? value : null;

    /// <summary>The reason of a problem answer, or null for a success.</summary>
    public static string? Problem(IResult result) => Unwrapped(result) switch
    {
        ValidationProblem validation => string.Join("; ", validation.ProblemDetails.Errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}")),
        ProblemHttpResult problem => problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title,
        IValueHttpResult => null,
        IStatusCodeHttpResult { StatusCode: < 400 } => null,
        _ => "The scheduler did not answer in time; try again in a moment.",
    };

    /// <summary>The answer inside a handler's union of results (<c>Results&lt;…&gt;</c>, <see cref="Api.ApiProblem"/>).</summary>
    static IResult Unwrapped(IResult result)
    {
        while (result is INestedHttpResult nested)
            result = nested.Result;
        return result;
    }
}

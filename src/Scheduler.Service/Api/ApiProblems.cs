using Scheduler.Contracts;

namespace Scheduler.Service.Api;

/// <summary>The RFC 7807 problems the API answers with.</summary>
public static class ApiProblems
{
    public static IResult Invalid(string field, string reason) => Invalid([new FieldError(field, reason)]);

    public static IResult Invalid(IEnumerable<FieldError> errors) =>
        TypedResults.ValidationProblem(
            ByField(errors),
            title: "The request is invalid",
            detail: "See errors: each names a field and the reason.");

    /// <summary>Errors keyed by field, as problem details carry them.</summary>
    public static Dictionary<string, string[]> ByField(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray());

    public static IResult JobNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Job not found", detail: $"There is no job {id}.");

    public static IResult RunNotFound(Guid id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Run not found", detail: $"There is no run {id}.");

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The job is not in a state for this command", detail: detail);

    public static IResult Unavailable(string detail) =>
        new RetryAfterResult(
            TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The scheduler did not answer in time", detail: detail),
            RetryAfterResult.Default);
}

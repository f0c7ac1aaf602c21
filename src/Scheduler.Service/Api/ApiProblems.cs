using Scheduler.Contracts;

namespace Scheduler.Service.Api;

/// <summary>The RFC 7807 problems the API answers with.</summary>
public static class ApiProblems
{
    public static ApiProblem Invalid(string field, string reason) => Invalid([new FieldError(field, reason)]);

    public static ApiProblem Invalid(IEnumerable<FieldError> errors) =>
        new(TypedResults.ValidationProblem(
            ByField(errors),
            title: "The request is invalid",
            detail: "See errors: each names a field and the reason."));

    /// <summary>Errors keyed by field, as problem details carry them.</summary>
    public static Dictionary<string, string[]> ByField(IEnumerable<FieldError> errors) =>
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Reason).ToArray());

    public static ApiProblem JobNotFound(Guid id) => Status(StatusCodes.Status404NotFound, "Job not found", $"There is no job {id}.");

    public static ApiProblem RunNotFound(Guid id) => Status(StatusCodes.Status404NotFound, "Run not found", $"There is no run {id}.");

    public static ApiProblem Conflict(string detail) => Status(StatusCodes.Status409Conflict, "The job is not in a state for this command", detail);

    /// <summary>A problem with a status, a title and a detail.</summary>
    public static ApiProblem Status(int statusCode, string title, string detail) =>
        new(TypedResults.Problem(statusCode: statusCode, title: title, detail: detail));

    public static ApiProblem Unavailable(string detail) =>
        new(new RetryAfterResult(
            TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The scheduler did not answer in time", detail: detail),
            RetryAfterResult.Default));
}

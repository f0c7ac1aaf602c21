using System.Text.Json;
using Scheduler.Contracts;

namespace Scheduler.Service.Validation;

/// <summary>
/// A JSON reading failure as a field error a person can act on: the field is the JSON path of the value that could not
/// be read (<c>schedule.at</c>, or <c>body</c> for the document as a whole), the reason what a converter said about it.
/// </summary>
public static class JsonFieldError
{
    /// <summary>The field error for <paramref name="exception"/>; <paramref name="root"/> names the whole document.</summary>
    public static FieldError From(JsonException exception, string root = "body")
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? root : exception.Path.TrimStart('$', '.');
        var reason = exception.InnerException is FormatException or InvalidOperationException && exception.InnerException.Message.Length > 0
            ? exception.InnerException.Message
            : exception.Message.Split(" Path:", 2)[0];
        return new FieldError(field, reason);
    }
}

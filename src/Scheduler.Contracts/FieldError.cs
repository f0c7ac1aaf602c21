namespace Scheduler.Contracts;

/// <summary>Why one field of a command is invalid.</summary>
/// <param name="Field">The field's JSON path, camelCase (for example <c>retry.maxAttempts</c>).</param>
/// <param name="Reason">What is wrong with it, for a person.</param>
public sealed record FieldError(string Field, string Reason);

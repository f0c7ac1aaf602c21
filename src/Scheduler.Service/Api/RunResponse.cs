using System.Text.Json;
using Scheduler.Contracts;
using Scheduler.Service.History;

namespace Scheduler.Service.Api;

/// <summary>
/// A run as the REST API returns it. Besides the fixed fields: <c>dueAt</c>, when the attempt was due to go to its
/// handler (after the backoff, for a retry); <c>replayOf</c>, the dead letter a replay runs again; <c>replayedBy</c>, on
/// a dead letter, the run that replayed it; <c>progress</c> and <c>progressMessage</c>, the handler's latest report.
/// </summary>
public sealed record RunResponse(
    Guid Id,
    Guid JobId,
    int Attempt,
    RunStatus Status,
    DateTimeOffset ScheduledFor,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    long? DurationMs,
    RunError? Error,
    JsonElement? Result,
    string? Host,
    DateTimeOffset? DueAt,
    Guid? ReplayOf,
    Guid? ReplayedBy,
    double? Progress,
    string? ProgressMessage)
{
    public static RunResponse From(JobRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var error = run.ErrorCategory is { } category ? new RunError(category, run.ErrorMessage ?? "") : null;
        return new RunResponse(run.Id, run.JobId, run.Attempt, run.Status, run.ScheduledFor, run.StartedAt, run.CompletedAt,
            run.DurationMs, error, run.Result, run.Host, run.DueAt, run.ReplayOf, run.ReplayedBy, run.Progress, run.ProgressMessage);
    }
}

using Scheduler.Contracts;

namespace Scheduler.Service.Declarations;

/// <summary>
/// A job declared in configuration under <c>Scheduler:Jobs:&lt;key&gt;</c>: its definition (the fields of
/// <c>POST /api/jobs</c>), upserted by its key, and whether it is switched on (<c>Enabled</c>, default true).
/// </summary>
/// <param name="Key">The job's key: the configuration section's name.</param>
/// <param name="Command">The definition with the key, or null when the section could not be read as one.</param>
/// <param name="Enabled">False: the job is kept disabled.</param>
/// <param name="Errors">Why the section could not be read (empty when it could).</param>
public sealed record DeclaredJob(string Key, ScheduleJob? Command, bool Enabled, IReadOnlyList<FieldError> Errors);

using System.Text.Json;

namespace Scheduler.Consumers.Handlers;

/// <summary>
/// The work behind a job: one implementation per handler name, registered with
/// <see cref="Hosting.JobHandlerRegistrationExtensions.AddJobHandler{THandler}"/>.
/// </summary>
/// <remarks>
/// Throw <see cref="PermanentJobFailureException"/> when retrying cannot help; any other exception is
/// reported as transient, so the scheduler tries the run again under the job's retry policy.
/// </remarks>
public interface IJobHandler
{
    /// <summary>Runs one attempt of a job and returns an optional JSON result that is kept with the run.</summary>
    /// <param name="context">The job, the run and the handler's input.</param>
    /// <param name="cancellationToken">Fires when the run exceeds its timeout or the host shuts down.</param>
    Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken);
}

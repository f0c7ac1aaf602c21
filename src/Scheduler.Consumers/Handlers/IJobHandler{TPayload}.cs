namespace Scheduler.Consumers.Handlers;

/// <summary>
/// A handler whose payload is read as <typeparamref name="TPayload"/> (camelCase JSON, ISO 8601 durations and
/// instants). A payload that does not fit fails the run as permanent with the reason, before the handler is called.
/// The payload's JSON schema is announced with the handler. Register it with <c>AddJobHandler&lt;THandler&gt;("name")</c>.
/// </summary>
/// <typeparam name="TPayload">The payload's type.</typeparam>
public interface IJobHandler<in TPayload>
{
    /// <summary>Runs one attempt. The result, if not null, is stored with the run as JSON.</summary>
    /// <param name="payload">The job's payload.</param>
    /// <param name="context">The run: ids, attempt, scheduled instant, tenant, and progress reporting.</param>
    /// <param name="cancellationToken">Fires at the job's timeout, when the scheduler abandons the run, or when the host stops.</param>
    /// <exception cref="PermanentJobFailureException">Trying again cannot help: the run is not retried.</exception>
    Task<object?> ExecuteAsync(TPayload payload, JobExecutionContext context, CancellationToken cancellationToken);
}

using System.Text.Json;

namespace Scheduler.Service.Lifecycle;

/// <summary>The wire names of <see cref="JobStatus"/> values (camelCase, as in the REST API).</summary>
public static class JobStatusNames
{
    public static string ToWireName(this JobStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    /// <summary>The status a state machine state stands for.</summary>
    public static JobStatus Of(MassTransit.State state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Enum.Parse<JobStatus>(state.Name);
    }

    /// <summary>The status of a stored job, or null when its state is not one the API shows (a job being created).</summary>
    public static JobStatus? FromState(int currentState) =>
        Enum.IsDefined(typeof(JobStatus), currentState) ? (JobStatus)currentState : null;
}

using Scheduler.Service.Api;

namespace Scheduler.Service.Dashboard;

/// <summary>The names of the jobs a list of runs belongs to, each read as <c>GET /api/jobs/{id}</c> reads it (so of the key's tenant only).</summary>
internal static class JobNames
{
    public static async Task<IReadOnlyDictionary<Guid, string>> ReadAsync(IEnumerable<RunResponse> runs, JobViewReader views, CancellationToken cancellationToken)
    {
        var names = new Dictionary<Guid, string>();
        foreach (var id in runs.Select(r => r.JobId).Distinct())
            if (ApiAnswer.Value<JobResponse>(await JobsApi.GetJobAsync(id, views, cancellationToken)) is { } job)
                names[id] = job.Name;
        return names;
    }
}

using Scheduler.Contracts;

namespace Scheduler.Service.Validation;

/// <summary>How long a job's chain of follow-ups is: the job and the deepest line of follow-ups nested under it.</summary>
internal static class FollowUpChain
{
    /// <summary>The number of jobs in the longest line from <paramref name="job"/> down through its follow-ups (1 without any).</summary>
    public static int Length(ScheduleJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return 1 + Math.Max(Longest(job.OnSuccess), Longest(job.OnFailure));
    }

    /// <summary>The field whose follow-ups make the longer line: <c>onSuccess</c>, or <c>onFailure</c>.</summary>
    public static string DeeperField(ScheduleJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Longest(job.OnFailure) > Longest(job.OnSuccess) ? "onFailure" : "onSuccess";
    }

    // Level by level rather than by recursion, so that no chain, however long, can exhaust the stack.
    static int Longest(IReadOnlyList<ScheduleJob>? followUps)
    {
        var length = 0;
        var level = followUps?.OfType<ScheduleJob>().ToList() ?? [];
        while (level.Count > 0)
        {
            length++;
            level = level.SelectMany(job => (job.OnSuccess ?? []).Concat(job.OnFailure ?? [])).OfType<ScheduleJob>().ToList();
        }

        return length;
    }
}

namespace Scheduler.Bench.Workloads;

/// <summary>The SQL the workloads read their figures with, from the saga's own records.</summary>
public static class Queries
{
    public const int Completed = 5;

    public static string CompletedJobs(string namePrefix) =>
        $"SELECT count(*) FROM jobs WHERE current_state = {Completed} AND name LIKE '{namePrefix}%'";

    public static string StoredJobs(string namePrefix) => $"SELECT count(*) FROM jobs WHERE name LIKE '{namePrefix}%'";

    /// <summary>Handler start minus the occurrence's due instant, per run, in milliseconds.</summary>
    public static string Lateness(string namePrefix) =>
        $"""
        SELECT extract(epoch FROM (r.started_at - r.scheduled_for)) * 1000
        FROM job_runs r JOIN jobs j ON j.id = r.job_id
        WHERE j.name LIKE '{namePrefix}%' AND r.status = 'Succeeded'
        """;

    /// <summary>Handler start minus the occurrence's due instant, per run of an occurrence due after <paramref name="after"/>, in milliseconds.</summary>
    public static string LatenessAfter(string namePrefix, DateTimeOffset after) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
        {Lateness(namePrefix)} AND r.scheduled_for > '{after.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'::timestamptz
        """);

    /// <summary>Run opened (the occurrence recorded) minus the occurrence's due instant, per run, in milliseconds: the first part of the lateness.</summary>
    public static string OpeningLateness(string namePrefix) =>
        $"""
        SELECT extract(epoch FROM (r.created_at - r.scheduled_for)) * 1000
        FROM job_runs r JOIN jobs j ON j.id = r.job_id
        WHERE j.name LIKE '{namePrefix}%' AND r.status = 'Succeeded'
        """;

    /// <summary>Per run later than <paramref name="late"/>, the seconds from <paramref name="first"/> to its due instant.</summary>
    public static string DueOffsetsOfLateRuns(string namePrefix, DateTimeOffset first, TimeSpan late) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
        SELECT extract(epoch FROM (r.scheduled_for - '{first.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00'::timestamptz))
        FROM job_runs r JOIN jobs j ON j.id = r.job_id
        WHERE j.name LIKE '{namePrefix}%' AND r.status = 'Succeeded'
          AND r.started_at - r.scheduled_for > interval '{late.TotalMilliseconds} milliseconds'
        """);
}

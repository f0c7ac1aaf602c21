using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle.Differential;

/// <summary>
/// Draws sequences of inputs for one job from a seeded <see cref="Random"/>: commands and run events in plausible and
/// implausible orders (an outcome before its start, a duplicate event, a command on a finished job, a stale due
/// message), moving the fake clock between them. It reads the job as stored to aim at its runs and due messages.
/// </summary>
public sealed class JobStepGenerator(Random random, FakeTimeProvider clock)
{
    static readonly string[] Actors = ["api", "bus:tests", "operator"];
    static readonly string?[] Hosts = [null, "host-a", "host-b"];

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The first step of a sequence: a new job, valid or not, sometimes under an idempotency key.</summary>
    public JobStep Schedule(Guid jobId, string? key) =>
        Step(jobId, Definition(jobId) with { IdempotencyKey = key });

    /// <summary>The next step for the job <paramref name="view"/> shows, after moving the clock on.</summary>
    public JobStep Next(Guid jobId, JobView view, string? key)
    {
        Advance(random.Next(10) switch { 0 => TimeSpan.Zero, < 8 => TimeSpan.FromMilliseconds(random.Next(1, 30_000)), _ => TimeSpan.FromMinutes(random.Next(1, 20)) });
        var job = view.Job;

        // A dead letter is replayed often enough for replays' own runs and retries to be exercised.
        if (view.Runs.Any(r => r is { Status: RunStatus.Faulted, ReplayedBy: null }) && random.Next(5) == 0)
            return Step(jobId, new ReplayRun { JobId = jobId, RunId = PickRun(view, r => r is { Status: RunStatus.Faulted, ReplayedBy: null }) });

        return random.Next(100) switch
        {
            < 3 => Step(jobId, Definition(jobId) with { IdempotencyKey = key }),
            < 5 when key is not null => Another(key),
            < 12 => Step(jobId, Update(jobId)),
            < 22 => Step(jobId, new TriggerJob { JobId = jobId, Reason = Maybe("by hand") }),
            < 29 => Step(jobId, new PauseJob { JobId = jobId, Reason = Maybe("maintenance") }),
            < 36 => Step(jobId, new ResumeJob { JobId = jobId }),
            < 39 => Step(jobId, new CancelJob { JobId = jobId, Reason = Maybe("not needed") }),
            < 41 => Step(jobId, new DeleteJob { JobId = jobId }),
            < 45 => Step(jobId, new ReplayRun { JobId = jobId, RunId = PickRun(view, r => r.Status == RunStatus.Faulted) }),
            < 58 => Step(jobId, Started(jobId, view)),
            < 71 => Step(jobId, Succeeded(jobId, view)),
            < 83 => Step(jobId, Failed(jobId, view)),
            < 88 => Step(jobId, new JobRetryDue { JobId = jobId, RunId = PickRun(view, r => r is { Status: RunStatus.Pending, SentAt: null }) }),
            < 94 => OneShotDue(jobId, job),
            _ => OccurrenceDue(jobId, job),
        };
    }

    JobStep Step(Guid jobId, object message) => new(jobId, message, NewGuid(), Actors[random.Next(Actors.Length)]);

    // Another job under the same idempotency key: the key's owner answers, nothing is created.
    JobStep Another(string key)
    {
        var jobId = NewGuid();
        return Step(jobId, Definition(jobId) with { IdempotencyKey = key });
    }

    /// <summary>An id drawn from the seeded generator, so that a sequence is replayed exactly from its seed.</summary>
    public Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    JobStep OneShotDue(Guid jobId, JobState? job)
    {
        var occurrence = job?.NextRunAt ?? Now;
        CatchUpWith(occurrence);
        var token = random.Next(5) == 0 || job?.DueTokenId is null ? NewGuid() : job.DueTokenId.Value;
        return Step(jobId, new JobDue { JobId = jobId }) with { Token = random.Next(10) == 0 ? null : token, Occurrence = occurrence, SentAt = Now };
    }

    JobStep OccurrenceDue(Guid jobId, JobState? job)
    {
        // Mostly the occurrence the job waits for; sometimes one it handled already (a duplicate send).
        var occurrence = random.Next(6) == 0 && job?.LastOccurrenceAt is { } handled ? handled : job?.NextRunAt ?? Now;
        CatchUpWith(occurrence);
        IReadOnlyList<DateTimeOffset> missed = random.Next(5) == 0 ? [occurrence.AddMinutes(-4), occurrence.AddMinutes(-2)] : [];
        return Step(jobId, new JobOccurrenceDue { JobId = jobId }) with { Occurrence = occurrence, SentAt = Now, Missed = missed };
    }

    JobRunStarted Started(Guid jobId, JobView view)
    {
        var run = PickOutstanding(view);
        return new() { JobId = jobId, RunId = run.Id, Attempt = run.Attempt, StartedAt = Now.AddMilliseconds(-random.Next(0, 500)), Host = Host() };
    }

    JobRunSucceeded Succeeded(Guid jobId, JobView view)
    {
        var run = PickOutstanding(view);
        var took = random.Next(1, 5_000);
        return new()
        {
            JobId = jobId, RunId = run.Id, Attempt = run.Attempt, StartedAt = Now.AddMilliseconds(-took), CompletedAt = Now, DurationMs = took,
            Result = random.Next(3) == 0 ? JsonDocument.Parse("""{"rows":3}""").RootElement : null, Host = Host(),
        };
    }

    JobRunFailed Failed(Guid jobId, JobView view)
    {
        var run = PickOutstanding(view);
        var took = random.Next(1, 5_000);
        var category = (ErrorCategory)random.Next(3);
        return new()
        {
            JobId = jobId, RunId = run.Id, Attempt = run.Attempt, StartedAt = Now.AddMilliseconds(-took), CompletedAt = Now, DurationMs = took,
            Error = new RunError(category, $"{category} trouble"), Host = Host(),
        };
    }

    /// <summary>A run a consumer could report on: mostly one out (or the armed one), sometimes any run, or none at all.</summary>
    (Guid Id, int Attempt) PickOutstanding(JobView view)
    {
        if (view.Job?.ArmedRunId is { } armed && random.Next(3) > 0)
            return (armed, 1);

        var id = PickRun(view, r => r.SentAt is not null && !r.IsFinished);
        return (id, view.Runs.FirstOrDefault(r => r.Id == id)?.Attempt ?? 1);
    }

    Guid PickRun(JobView view, Func<JobRun, bool> likely)
    {
        var candidates = random.Next(4) > 0 ? view.Runs.Where(likely).ToList() : [.. view.Runs];
        return candidates.Count == 0 || random.Next(20) == 0 ? NewGuid() : candidates[random.Next(candidates.Count)].Id;
    }

    ScheduleJob Definition(Guid jobId) => new()
    {
        JobId = jobId,
        Name = random.Next(15) == 0 ? "" : $"report {random.Next(100)}",
        Handler = random.Next(20) == 0 ? "no-such-handler" : "noop",
        Payload = random.Next(3) == 0 ? JsonDocument.Parse("""{"day":"monday"}""").RootElement : null,
        Schedule = Schedule(),
        Priority = random.Next(4) == 0 ? JobPriority.High : null,
        Retry = random.Next(3) switch
        {
            0 => null,
            1 => new RetryPolicy { MaxAttempts = 3, InitialDelay = TimeSpan.FromSeconds(5), Backoff = BackoffKind.Fixed },
            _ => new RetryPolicy { MaxAttempts = 2, InitialDelay = TimeSpan.FromSeconds(2), Jitter = true },
        },
        Concurrency = random.Next(5) switch
        {
            0 => new ConcurrencyPolicy { MaxInstances = 2, Overlap = OverlapMode.Queue },
            1 => new ConcurrencyPolicy { MaxInstances = 1, Overlap = (OverlapMode)random.Next(4) },
            _ => null,
        },
        Misfire = random.Next(4) switch
        {
            0 => new MisfirePolicy { Policy = MisfireAction.Skip, GraceTime = TimeSpan.FromSeconds(10) },
            1 => new MisfirePolicy { Policy = MisfireAction.CatchUp },
            2 => new MisfirePolicy { Policy = MisfireAction.FireNow, GraceTime = TimeSpan.FromSeconds(30) },
            _ => null,
        },
    };

    UpdateJob Update(Guid jobId)
    {
        var definition = Definition(jobId);
        return new UpdateJob
        {
            JobId = jobId, Name = definition.Name, Handler = definition.Handler, Payload = definition.Payload, Schedule = definition.Schedule,
            Priority = definition.Priority, Retry = definition.Retry, Concurrency = definition.Concurrency, Misfire = definition.Misfire,
        };
    }

    JobSchedule? Schedule() => random.Next(8) switch
    {
        0 => null,
        1 => new JobSchedule { Delay = TimeSpan.FromSeconds(30) },
        2 => new JobSchedule { Delay = TimeSpan.FromMinutes(10) },
        3 => new JobSchedule { At = Now.AddSeconds(random.Next(-60, 600)) },
        4 => new JobSchedule { Every = TimeSpan.FromMinutes(1) },
        5 => new JobSchedule { Every = TimeSpan.FromSeconds(45), Jitter = TimeSpan.FromSeconds(5) },
        6 => new JobSchedule { Cron = "*/2 * * * *" },
        _ => new JobSchedule { Every = TimeSpan.FromMinutes(1), EndAt = Now.AddMinutes(3) },
    };

    string? Maybe(string text) => random.Next(2) == 0 ? text : null;

    string? Host() => Hosts[random.Next(Hosts.Length)];

    // A due message comes at its instant or later: the clock goes there first.
    void CatchUpWith(DateTimeOffset occurrence)
    {
        if (occurrence > Now)
            clock.SetUtcNow(occurrence);
        if (random.Next(4) == 0)
            Advance(TimeSpan.FromSeconds(random.Next(1, 120)));
    }

    void Advance(TimeSpan by) => clock.Advance(by);
}

using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Scheduler.Contracts;
using Scheduler.Contracts.Serialization;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;

namespace Scheduler.IntegrationTests.Persistence;

/// <summary>The set-based writer of the batch paths on a real PostgreSQL: it stores what SaveChanges would, and only that.</summary>
public sealed class ChangeSetWriterTests : IAsyncLifetime
{
    static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    static readonly JsonSerializerOptions Json = SchedulerJson.CreateOptions();
    static readonly Guid FollowUpId = Guid.NewGuid();
    static readonly Guid RunId = Guid.NewGuid();

    readonly ChangeSetWriter _writer = new();
    TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(RealInfrastructure.FromEnvironment().Postgres);
        await using var db = Open();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Stores_new_rows_with_every_column_as_SaveChanges_stores_them()
    {
        var written = FullJob();
        var saved = FullJob();
        await using (var db = Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Jobs.Add(written);
            db.Runs.Add(FullRun(written.CorrelationId));
            db.Audit.Add(Audit(written.CorrelationId));
            await _writer.SaveAsync(db, CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using (var db = Open())
        {
            db.Jobs.Add(saved);
            db.Runs.Add(FullRun(saved.CorrelationId));
            db.Audit.Add(Audit(saved.CorrelationId));
            await db.SaveChangesAsync();
        }

        await using var read = Open();
        Assert.Equal(Stored(await read.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == saved.CorrelationId), j => (j.CorrelationId, j.IdempotencyKey) = (Guid.Empty, null)),
            Stored(await read.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == written.CorrelationId), j => (j.CorrelationId, j.IdempotencyKey) = (Guid.Empty, null)));
        Assert.Equal(
            Stored(await read.Runs.AsNoTracking().SingleAsync(r => r.JobId == saved.CorrelationId), r => (r.Id, r.JobId) = (Guid.Empty, Guid.Empty)),
            Stored(await read.Runs.AsNoTracking().SingleAsync(r => r.JobId == written.CorrelationId), r => (r.Id, r.JobId) = (Guid.Empty, Guid.Empty)));
        var audit = await read.Audit.AsNoTracking().Where(a => a.JobId == written.CorrelationId).SingleAsync();
        Assert.True(audit.Id > 0);
        Assert.Equal((AuditEvent.Scheduled.ToWireName(), "key:ops:1", (string?)null), (audit.Event, audit.Actor, audit.FromStatus));
    }

    [Fact]
    public async Task Updates_only_the_columns_that_changed_and_tracks_the_written_values()
    {
        var job = FullJob();
        await using (var db = Open())
        {
            db.Jobs.Add(job);
            await db.SaveChangesAsync();
        }

        await using (var db = Open())
        {
            var tracked = await db.Jobs.SingleAsync(j => j.CorrelationId == job.CorrelationId);
            await ExecuteAsync($"UPDATE jobs SET pause_reason = 'set elsewhere' WHERE id = '{job.CorrelationId}'");
            tracked.RunCount = 7;
            tracked.Metadata = new Dictionary<string, JsonElement> { ["team"] = JsonSerializer.SerializeToElement("billing") };
            await _writer.SaveAsync(db, CancellationToken.None);

            // Written values are now the tracked ones: a second change writes only itself.
            tracked.FailureCount = 2;
            await _writer.SaveAsync(db, CancellationToken.None);
        }

        await using var read = Open();
        var stored = await read.Jobs.AsNoTracking().SingleAsync(j => j.CorrelationId == job.CorrelationId);
        Assert.Equal((7, 2, "set elsewhere"), (stored.RunCount, stored.FailureCount, stored.PauseReason));
        Assert.Equal("billing", stored.Metadata!["team"].GetString());
        Assert.Equal(Stored(job, _ => { }), Stored(stored, j => (j.RunCount, j.FailureCount, j.PauseReason, j.Metadata) = (job.RunCount, job.FailureCount, job.PauseReason, job.Metadata)));
    }

    [Fact]
    public async Task Deletes_the_removed_rows_and_fails_for_one_that_is_not_there()
    {
        var kept = FullJob();
        var removed = FullJob();
        await using (var db = Open())
        {
            db.Jobs.AddRange(kept, removed);
            await db.SaveChangesAsync();
        }

        await using (var db = Open())
        {
            db.Jobs.Remove(await db.Jobs.SingleAsync(j => j.CorrelationId == removed.CorrelationId));
            await _writer.SaveAsync(db, CancellationToken.None);
        }

        await using (var db = Open())
        {
            db.Jobs.Remove(removed);
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => _writer.SaveAsync(db, CancellationToken.None));
        }

        await using var read = Open();
        Assert.Equal([kept.CorrelationId], await read.Jobs.AsNoTracking().Select(j => j.CorrelationId).ToListAsync());
    }

    [Fact]
    public async Task A_constraint_violation_fails_as_SaveChanges_does_and_writes_nothing()
    {
        var first = FullJob();
        await using (var db = Open())
        {
            db.Jobs.Add(first);
            await db.SaveChangesAsync();
        }

        var other = FullJob();
        var clash = FullJob();
        clash.IdempotencyKey = first.IdempotencyKey;
        await using (var db = Open())
        {
            db.Jobs.AddRange(other, clash);
            await Assert.ThrowsAsync<DbUpdateException>(() => _writer.SaveAsync(db, CancellationToken.None));
        }

        await using var read = Open();
        Assert.Equal([first.CorrelationId], await read.Jobs.AsNoTracking().Select(j => j.CorrelationId).ToListAsync());
    }

    static JobState FullJob() => new()
    {
        CorrelationId = Guid.NewGuid(),
        CurrentState = 3,
        TenantId = "acme",
        Name = "nightly report",
        Handler = "report",
        Payload = JsonSerializer.SerializeToElement(new { day = "monday", pages = 2 }),
        Schedule = new JobSchedule { Cron = "0 3 * * *", TimeZone = "Europe/Paris" },
        Priority = JobPriority.High,
        Retry = new RetryPolicy { MaxAttempts = 4 },
        Timeout = TimeSpan.FromSeconds(90),
        AlertAfter = null,
        IdempotencyKey = $"idem-{Guid.NewGuid():N}",
        Metadata = new Dictionary<string, JsonElement> { ["team"] = JsonSerializer.SerializeToElement("ops"), ["n"] = JsonSerializer.SerializeToElement(3) },
        OnSuccess = [new ScheduleJob { JobId = FollowUpId, Name = "then", Handler = "noop" }],
        CreatedAt = Now,
        UpdatedAt = Now.AddSeconds(1),
        NextRunAt = Now.AddHours(15),
        RunCount = 1,
        CurrentRunId = RunId,
        ActiveRuns = 1,
        QueuedOccurrences = [Now.AddDays(1)],
        LastRunStatus = RunStatus.Succeeded,
    };

    static JobRun FullRun(Guid jobId) => new()
    {
        Id = Guid.NewGuid(),
        JobId = jobId,
        TenantId = "acme",
        Attempt = 2,
        Status = RunStatus.Failed,
        ScheduledFor = Now,
        CreatedAt = Now,
        StartedAt = Now.AddMilliseconds(5),
        CompletedAt = Now.AddMilliseconds(250),
        DurationMs = 245,
        ErrorCategory = ErrorCategory.Transient,
        ErrorMessage = "timed out",
        Result = JsonSerializer.SerializeToElement(new { rows = 12 }),
        Progress = 0.5,
    };

    static AuditEntry Audit(Guid jobId) => new()
    {
        JobId = jobId, TenantId = "acme", At = Now, Event = AuditEvent.Scheduled.ToWireName(), Actor = "key:ops:1", ToStatus = "scheduled",
    };

    /// <summary>The row as a value, with <paramref name="except"/> applied (to blank what differs by design).</summary>
    static string Stored<T>(T row, Action<T> except)
    {
        except(row);
        return JsonSerializer.Serialize(row, Json);
    }

    async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    SchedulerDbContext Open() =>
        new(new DbContextOptionsBuilder<SchedulerDbContext>()
            .UseNpgsql(_database.ConnectionString)
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.UnitTests.Service.Scheduling.Delivery;

/// <summary>The service's schema on a private SQLite file, for tests of what reads and writes the due table.</summary>
internal sealed class DueTableDatabase : IAsyncDisposable
{
    readonly string _path = Path.Combine(Path.GetTempPath(), $"scheduler-due-{Guid.NewGuid():N}.db");

    DueTableDatabase() => ConnectionString = new SqliteConnectionStringBuilder { DataSource = _path, DefaultTimeout = 30 }.ToString();

    public string ConnectionString { get; }

    public static async Task<DueTableDatabase> CreateAsync()
    {
        var database = new DueTableDatabase();
        await using var db = database.Open();
        await db.Database.MigrateAsync();
        return database;
    }

    public SchedulerDbContext Open()
    {
        var options = new DbContextOptionsBuilder<SchedulerDbContext>();
        Configure(options);
        return new SchedulerDbContext(options.Options);
    }

    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder options) =>
        options.UseSqlite(ConnectionString).ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>Stores a one-shot due message for <paramref name="dueAt"/>, as the saga would.</summary>
    public async Task AddDueAsync(DateTimeOffset dueAt, bool paused = false)
    {
        await using var db = Open();
        db.DueMessages.Add(new DueMessage
        {
            Id = Guid.NewGuid(), DueAt = dueAt, OccurrenceAt = dueAt, Destination = "queue:nowhere", MessageType = "urn:message:Nowhere",
            ContentType = "application/json", Body = "{}", Paused = paused, CreatedAt = dueAt,
        });
        await db.SaveChangesAsync();
    }

    public async Task PauseSchedulerAsync(DateTimeOffset at)
    {
        await using var db = Open();
        db.SchedulerSwitch.Add(new SchedulerSwitch { Paused = true, ChangedAt = at, ChangedBy = "test" });
        await db.SaveChangesAsync();
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm", _path + "-journal" })
            File.Delete(file);
        return ValueTask.CompletedTask;
    }
}

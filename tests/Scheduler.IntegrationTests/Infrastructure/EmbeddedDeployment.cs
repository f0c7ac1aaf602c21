using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Scheduler.Service.Persistence;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>
/// The service in its embedded default, as a newcomer runs it: no connection strings, so SQLite (a file of its own
/// here), MassTransit's in-memory transport and the built-in handlers in the same process.
/// </summary>
public sealed class EmbeddedDeployment : IAsyncLifetime, IApiDeployment
{
    readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"scheduler-embedded-{Guid.NewGuid():N}.db");

    public SchedulerServiceFactory Service { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;

    /// <summary>Configuration the service starts with besides the embedded default's, for a test that starts its own.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    public Task InitializeAsync()
    {
        Service = new SchedulerServiceFactory("", "", _databasePath, Settings);
        Api = Service.CreateClient();
        return Task.CompletedTask;
    }

    public SchedulerDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<SchedulerDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = _databasePath }.ToString())
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))
            .Options);

    public async Task DisposeAsync()
    {
        Api.Dispose();
        await Service.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
            File.Delete(file);
    }
}

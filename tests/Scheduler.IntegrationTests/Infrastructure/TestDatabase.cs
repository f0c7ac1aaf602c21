using Npgsql;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>A database of its own on the real PostgreSQL server, created empty and dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    readonly string _serverConnectionString;

    TestDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var name = $"scheduler_test_{Guid.NewGuid():N}";
        var server = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;

        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var own = new NpgsqlConnectionStringBuilder(connectionString) { Database = name }.ConnectionString;
        return new TestDatabase(server, name, own);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

using Npgsql;
using Scheduler.Bench.Deployment;

namespace Scheduler.Bench.Usage;

/// <summary>
/// Counts the SQL of one deployment's database over a workload: <c>pg_stat_statements</c>, reset for that database at
/// the start, where the server loads it (the bench's own cluster does, see bench.sh); otherwise only the commits of
/// <c>pg_stat_database</c>. Statements the bench itself sent carry <see cref="BenchDeployment.OwnSqlTag"/> and are not counted.
/// </summary>
public sealed class SqlActivity
{
    const int TopStatements = 15;

    readonly string _server;
    readonly uint _database;
    readonly bool _statements;
    readonly long _commits;
    readonly long _benchStatements;
    readonly BenchDeployment _deployment;

    SqlActivity(BenchDeployment deployment, string server, uint database, bool statements, long commits)
    {
        _deployment = deployment;
        _server = server;
        _database = database;
        _statements = statements;
        _commits = commits;
        _benchStatements = deployment.OwnStatements;
    }

    /// <summary>Whether statements are counted (<c>pg_stat_statements</c> is loaded); commits always are.</summary>
    public bool CountsStatements => _statements;

    public static async Task<SqlActivity> StartAsync(BenchDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        // The bench's first statement on a database loads Npgsql's types: let it fall before the count starts.
        await deployment.ScalarAsync<int>("SELECT 1");
        var builder = new NpgsqlConnectionStringBuilder(deployment.PostgresConnectionString);
        var server = new NpgsqlConnectionStringBuilder(deployment.PostgresConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        var database = await ScalarAsync<uint>(connection, $"SELECT oid FROM pg_database WHERE datname = '{builder.Database}'");
        var statements = await LoadAsync(connection);
        if (statements)
            await ScalarAsync<object>(connection, $"SELECT pg_stat_statements_reset(0, {database}::oid, 0)");
        return new SqlActivity(deployment, server, database, statements, await CommitsAsync(connection, database));
    }

    public async Task<SqlCounts> StopAsync()
    {
        var benchStatements = _deployment.OwnStatements - _benchStatements;
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        // Every statement the bench sent outside a transaction committed one of its own.
        var commits = await CommitsAsync(connection, _database) - _commits - benchStatements;
        if (!_statements)
            return new SqlCounts(null, [], commits);

        var theirs = $"dbid = {_database}::oid AND query NOT LIKE '%{BenchDeployment.OwnSqlTag}%'";
        var total = await ScalarAsync<long>(connection, $"SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements WHERE {theirs}");
        var top = new List<StatementCount>();
        await using var command = new NpgsqlCommand(
            $"SELECT calls, total_exec_time, regexp_replace(left(query, 400), '\\s+', ' ', 'g') FROM pg_stat_statements WHERE {theirs} ORDER BY calls DESC LIMIT {TopStatements}",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            top.Add(new StatementCount(reader.GetInt64(0), reader.GetDouble(1), reader.GetString(2)));
        return new SqlCounts(total, top, commits);
    }

    /// <summary>Whether <c>pg_stat_statements</c> can be read: loaded at the server's start, its view made in this database.</summary>
    static async Task<bool> LoadAsync(NpgsqlConnection connection)
    {
        var loaded = await ScalarAsync<string>(connection, "SELECT current_setting('shared_preload_libraries')");
        if (!loaded.Contains("pg_stat_statements", StringComparison.Ordinal))
            return false;
        try
        {
            await ScalarAsync<object>(connection, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            return true;
        }
        catch (PostgresException)
        {
            // Loaded, but this role may not create the extension: counted as not loaded.
            return false;
        }
    }

    static Task<long> CommitsAsync(NpgsqlConnection connection, uint database) =>
        ScalarAsync<long>(connection, $"SELECT xact_commit FROM pg_stat_database WHERE datid = {database}::oid");

    static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}

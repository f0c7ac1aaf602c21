using Npgsql;

namespace Scheduler.Bench.Chaos.Instances;

/// <summary>
/// The suite's own PostgreSQL cluster (Debian's <c>pg_createcluster</c>, made by <c>chaos.sh</c>), stopped with
/// <c>pg_ctlcluster … stop -m fast</c> (every session is cut, as in a crash or failover) and started again.
/// </summary>
public sealed class PostgresCluster(string version, string cluster, string connectionString) : IOwnedService
{
    static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    public string Name => $"PostgreSQL cluster {version}/{cluster}";

    public Task StopAsync(CancellationToken cancellationToken) =>
        ShellCommand.RunCheckedAsync("pg_ctlcluster", [version, cluster, "stop", "-m", "fast"], CommandTimeout, cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // pg_ctlcluster answers 0 to status when the cluster runs; start would fail on a running one.
        var (running, _) = await ShellCommand.RunAsync("pg_ctlcluster", [version, cluster, "status"], CommandTimeout, cancellationToken);
        if (running != 0)
            await ShellCommand.RunCheckedAsync("pg_ctlcluster", [version, cluster, "start"], CommandTimeout, cancellationToken);
    }

    public async Task<bool> IsAnsweringAsync(CancellationToken cancellationToken)
    {
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false, Timeout = 2 }.ConnectionString;
        try
        {
            await using var connection = new NpgsqlConnection(probe);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}

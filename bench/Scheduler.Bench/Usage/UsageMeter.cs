using System.Diagnostics;
using Npgsql;
using Scheduler.Bench.Deployment;

namespace Scheduler.Bench.Usage;

/// <summary>
/// Measures what a workload costs from <see cref="StartAsync"/> to <see cref="StopAsync"/>: CPU seconds of the
/// service (every instance and incarnation), the consumer host, the PostgreSQL server, the RabbitMQ node and the bench
/// itself, and the SQL of the deployment's database (see <see cref="SqlActivity"/>). A server that is not on this
/// machine, or restarted meanwhile, has no figure.
/// </summary>
public sealed class UsageMeter
{
    public const string Service = "service";
    public const string Consumer = "consumer host";
    public const string Postgres = "postgres";
    public const string RabbitMq = "rabbitmq";
    public const string Bench = "bench";

    readonly Dictionary<string, Func<TimeSpan?>> _processes;
    readonly Dictionary<string, TimeSpan?> _start;
    readonly SqlActivity _sql;
    readonly long _started = Stopwatch.GetTimestamp();

    UsageMeter(Dictionary<string, Func<TimeSpan?>> processes, SqlActivity sql)
    {
        _processes = processes;
        _sql = sql;
        _start = Read();
    }

    public static async Task<UsageMeter> StartAsync(BenchDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var postgres = new NpgsqlConnectionStringBuilder(deployment.PostgresConnectionString);
        var rabbitMq = new Uri(deployment.RabbitMqConnectionString);
        var postgresServer = ServerProcess.ListeningOn(postgres.Host ?? "", postgres.Port);
        var rabbitMqNode = ServerProcess.ListeningOn(rabbitMq.Host, rabbitMq.Port > 0 ? rabbitMq.Port : 5672);
        var processes = new Dictionary<string, Func<TimeSpan?>>
        {
            [Service] = () => deployment.ServiceCpu,
            [Consumer] = () => deployment.ConsumerCpu,
            [Postgres] = () => postgresServer?.TreeCpu(),
            [RabbitMq] = () => rabbitMqNode?.TreeCpu(),
            [Bench] = () => ProcStat.Read(Environment.ProcessId)?.Used,
        };
        var sql = await SqlActivity.StartAsync(deployment);
        return new UsageMeter(processes, sql);
    }

    public async Task<WorkloadUsage> StopAsync()
    {
        var end = Read();
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var cpu = _processes.Keys.ToDictionary(name => name,
            name => _start[name] is { } before && end[name] is { } after ? (after - before).TotalSeconds : double.NaN);
        return new WorkloadUsage(elapsed.TotalSeconds, cpu, await _sql.StopAsync());
    }

    Dictionary<string, TimeSpan?> Read() => _processes.ToDictionary(p => p.Key, p => p.Value());
}

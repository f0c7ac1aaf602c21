using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using MassTransit;
using Npgsql;
using Scheduler.Bench.Consumer;
using Scheduler.Contracts.Serialization;

namespace Scheduler.Bench.Deployment;

/// <summary>
/// A fresh deployment for one workload: its own database and RabbitMQ virtual host, the service and a consumer host
/// as separate Release processes, and a client bus in this process that publishes as another service would.
/// </summary>
public sealed class BenchDeployment : IAsyncDisposable
{
    readonly BenchSettings _settings;
    readonly string _database;
    readonly string _virtualHost;
    readonly HttpClient _management;
    ProcessHost? _service;
    string? _journal;

    BenchDeployment(BenchSettings settings, string database, string virtualHost, HttpClient management)
    {
        _settings = settings;
        _database = database;
        _virtualHost = virtualHost;
        _management = management;
    }

    public required string PostgresConnectionString { get; init; }
    public required string RabbitMqConnectionString { get; init; }
    public IBusControl Bus { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public ProcessHost? Consumer { get; private set; }

    /// <summary>Starts it all; with <paramref name="journal"/>, the consumer host is the bench's own (see <see cref="JournalingConsumerHost"/>).</summary>
    public static async Task<BenchDeployment> StartAsync(BenchSettings settings, int consumerConcurrency, string? journal = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var id = Guid.NewGuid().ToString("N")[..12];
        var database = $"scheduler_bench_{id}";
        var virtualHost = $"scheduler-bench-{id}";

        var server = new NpgsqlConnectionStringBuilder(settings.Postgres) { Database = "postgres", Pooling = false }.ConnectionString;
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var (management, username) = RabbitMqManagement.Connect(settings.RabbitMq);
        (await management.PutAsync($"vhosts/{virtualHost}", null)).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"permissions/{virtualHost}/{Uri.EscapeDataString(username)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();

        var deployment = new BenchDeployment(settings, database, virtualHost, management)
        {
            PostgresConnectionString = new NpgsqlConnectionStringBuilder(settings.Postgres) { Database = database }.ConnectionString,
            RabbitMqConnectionString = new UriBuilder(settings.RabbitMq) { Path = "/" + Uri.EscapeDataString(virtualHost) }.Uri.ToString(),
        };
        await deployment.StartServiceAsync();
        deployment._journal = journal;
        await deployment.StartConsumerAsync(consumerConcurrency);
        await deployment.StartBusAsync();
        return deployment;
    }

    public async Task StartConsumerAsync(int concurrency)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__rabbitmq"] = RabbitMqConnectionString,
            ["ConnectionStrings__postgres"] = PostgresConnectionString,
            ["Scheduler__Handlers__noop__Concurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scheduler__Consumer__HeartbeatInterval"] = "00:00:02",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (_journal is null)
        {
            Consumer = ProcessHost.Start(_settings.ConsumerDll, environment);
        }
        else
        {
            environment[JournalingConsumerHost.JournalSetting.Replace(":", "__", StringComparison.Ordinal)] = _journal;
            Consumer = ProcessHost.Start(typeof(BenchDeployment).Assembly.Location, environment, "consumer");
        }

        await WaitAsync(async () =>
        {
            var handlers = await Api.GetFromJsonAsync<JsonElement>("/api/handlers");
            return handlers.EnumerateArray().Any(h => h.GetProperty("name").GetString() == "noop" && h.GetProperty("online").GetBoolean());
        }, Consumer, "the consumer host to announce noop");
    }

    async Task StartServiceAsync()
    {
        var port = FreePort();
        _service = ProcessHost.Start(_settings.ServiceDll, new Dictionary<string, string>
        {
            ["ConnectionStrings__rabbitmq"] = RabbitMqConnectionString,
            ["ConnectionStrings__postgres"] = PostgresConnectionString,
            ["Scheduler__Retention__Enabled"] = "false",
            ["Scheduler__RateLimit__PermitsPerSecond"] = "1000000",
            ["Scheduler__RateLimit__Burst"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        }, "--urls", $"http://127.0.0.1:{port}");
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitAsync(async () => (await Api.GetAsync("/health/ready")).IsSuccessStatusCode, _service, "the service to be ready");
    }

    async Task StartBusAsync()
    {
        var rabbit = new Uri(RabbitMqConnectionString);
        var credentials = Uri.UnescapeDataString(rabbit.UserInfo is { Length: > 0 } info ? info : "guest:guest").Split(':');
        Bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(rabbit.Host, (ushort)(rabbit.Port > 0 ? rabbit.Port : 5672), _virtualHost, h =>
            {
                h.Username(credentials[0]);
                h.Password(credentials.Length > 1 ? credentials[1] : "guest");
            });
            cfg.ConfigureJsonSerializerOptions(options => SchedulerJson.Configure(options));
        });
        await Bus.StartAsync();
    }

    /// <summary>One value from the deployment's database.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs SQL against the deployment's database (the bench's own tables, seeding).</summary>
    public async Task ExecuteAsync(string sql, TimeSpan? timeout = null)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = (int)(timeout ?? TimeSpan.FromMinutes(1)).TotalSeconds };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Writes <paramref name="ids"/> with their <paramref name="tag"/> into a bench table of (id uuid, tag text).</summary>
    public async Task CopyIdsAsync(string table, IEnumerable<Guid> ids, string tag)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {table} FROM STDIN (FORMAT BINARY)");
        foreach (var id in ids)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(id, NpgsqlTypes.NpgsqlDbType.Uuid);
            await writer.WriteAsync(tag, NpgsqlTypes.NpgsqlDbType.Text);
        }

        await writer.CompleteAsync();
    }

    /// <summary>A column of text from the deployment's database.</summary>
    public Task<List<string>> TextColumnAsync(string sql) => ColumnAsync(sql, reader => reader.GetString(0));

    /// <summary>A column of doubles from the deployment's database.</summary>
    public Task<List<double>> ColumnAsync(string sql) =>
        ColumnAsync(sql, reader => reader.IsDBNull(0) ? double.NaN : Convert.ToDouble(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));

    async Task<List<T>> ColumnAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
            values.Add(read(reader));
        return values;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; throws with the processes' last output at the deadline.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Bus is not null)
            await Bus.StopAsync();
        if (Consumer is not null)
            await Consumer.DisposeAsync();
        if (_service is not null)
            await _service.DisposeAsync();
        Api?.Dispose();
        using (await _management.DeleteAsync($"vhosts/{_virtualHost}"))
        {
        }

        _management.Dispose();
        NpgsqlConnection.ClearAllPools();
        var server = new NpgsqlConnectionStringBuilder(_settings.Postgres) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    static async Task WaitAsync(Func<Task<bool>> ready, ProcessHost process, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The process exited while waiting for {what}:\n{string.Join('\n', process.Output)}");
            try
            {
                if (await ready())
                    return;
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}:\n{string.Join('\n', process.Output)}");
            await Task.Delay(200);
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

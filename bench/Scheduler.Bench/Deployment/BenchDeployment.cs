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
    readonly DeploymentOptions _options;
    readonly string _database;
    readonly string _virtualHost;
    readonly HttpClient _management;
    readonly List<ProcessHost> _services = [];
    readonly List<ProcessHost> _everyService = [];
    readonly List<ProcessHost> _everyConsumer = [];
    readonly Dictionary<ProcessHost, int> _ports = [];
    readonly List<ProcessRestart> _restarts = [];
    readonly SemaphoreSlim _lifecycle = new(1, 1);
    readonly CancellationTokenSource _supervising = new();
    Task _supervisor = Task.CompletedTask;
    long _ownStatements;
    readonly int _servicePort = FreePort();
    int _consumerConcurrency;

    BenchDeployment(BenchSettings settings, DeploymentOptions options, string database, string virtualHost, HttpClient management)
    {
        _settings = settings;
        _options = options;
        _database = database;
        _virtualHost = virtualHost;
        _management = management;
    }

    public required string PostgresConnectionString { get; init; }
    public required string RabbitMqConnectionString { get; init; }
    public IBusControl Bus { get; private set; } = null!;

    /// <summary>The API of the first service instance (with the admin key, when the deployment has one).</summary>
    public HttpClient Api { get; private set; } = null!;

    public ProcessHost? Consumer { get; private set; }

    /// <summary>The first service instance, which <see cref="Api"/> calls.</summary>
    public ProcessHost Service => _services[0];

    /// <summary>The processes that exited by themselves and were started again, in order.</summary>
    public IReadOnlyList<ProcessRestart> Restarts
    {
        get
        {
            lock (_restarts)
                return [.. _restarts];
        }
    }

    /// <summary>The deployment's RabbitMQ virtual host.</summary>
    public string VirtualHost => _virtualHost;

    /// <summary>
    /// Starts every statement the bench sends to the deployment's database, so that <c>pg_stat_statements</c> tells them
    /// from the product's (it keeps the text a statement was first seen with).
    /// </summary>
    public const string OwnSqlTag = "/* bench */";

    /// <summary>Statements the bench has sent to the deployment's database, each in a transaction of its own.</summary>
    public long OwnStatements => Interlocked.Read(ref _ownStatements);

    /// <summary>CPU time of every service instance this deployment started, those stopped or killed included.</summary>
    public TimeSpan ServiceCpu => CpuOf(_everyService);

    /// <summary>CPU time of every consumer host this deployment started, those stopped or killed included.</summary>
    public TimeSpan ConsumerCpu => CpuOf(_everyConsumer);

    /// <summary>Starts it all; with <see cref="DeploymentOptions.Journal"/>, the consumer host is the bench's own (see <see cref="JournalingConsumerHost"/>).</summary>
    public static async Task<BenchDeployment> StartAsync(BenchSettings settings, int consumerConcurrency, DeploymentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        options ??= new DeploymentOptions();
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

        var (management, username) = RabbitMqManagement.Connect(settings.RabbitMq, settings.RabbitMqManagement);
        (await management.PutAsync($"vhosts/{virtualHost}", null)).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"permissions/{virtualHost}/{Uri.EscapeDataString(username)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();

        var deployment = new BenchDeployment(settings, options, database, virtualHost, management)
        {
            PostgresConnectionString = new NpgsqlConnectionStringBuilder(settings.Postgres) { Database = database }.ConnectionString,
            RabbitMqConnectionString = new UriBuilder(settings.RabbitMq) { Path = "/" + Uri.EscapeDataString(virtualHost) }.Uri.ToString(),
        };
        deployment.Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{deployment._servicePort}") };
        if (options.AdminKey is { } key)
            deployment.Api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        try
        {
            deployment._services.Add(await deployment.LaunchServiceAsync(deployment._servicePort));
            await deployment.StartConsumerAsync(consumerConcurrency);
            await deployment.StartBusAsync();
            deployment._supervisor = Task.Run(() => deployment.SuperviseAsync(deployment._supervising.Token));
            return deployment;
        }
        catch
        {
            // Leave no process, database or virtual host behind a deployment that never started.
            await deployment.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the consumer host (again, after it was killed or stopped) and waits for it to announce <c>noop</c>.</summary>
    public async Task StartConsumerAsync(int concurrency)
    {
        await _lifecycle.WaitAsync();
        try
        {
            await LaunchConsumerAsync(concurrency);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    async Task LaunchConsumerAsync(int concurrency, bool awaitAnnouncement = true)
    {
        if (Consumer is not null)
            await Consumer.DisposeAsync();
        _consumerConcurrency = concurrency;
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__rabbitmq"] = RabbitMqConnectionString,
            ["ConnectionStrings__postgres"] = PostgresConnectionString,
            ["Scheduler__Handlers__noop__Concurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scheduler__Consumer__HeartbeatInterval"] = "00:00:02",
            // No metrics port: a host killed a moment ago may still hold it, and the bench reads the saga's records.
            ["Scheduler__Consumer__Metrics__Port"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in _options.ConsumerEnvironment)
            environment[name] = value;
        // A host killed a moment ago may still be listed online: wait for one that started now.
        var launched = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1);
        if (_options.Journal is null)
        {
            Consumer = ProcessHost.Start(_settings.ConsumerDll, environment);
        }
        else
        {
            environment[JournalingConsumerHost.JournalSetting.Replace(":", "__", StringComparison.Ordinal)] = _options.Journal;
            Consumer = ProcessHost.Start(typeof(BenchDeployment).Assembly.Location, environment, "consumer");
        }

        _everyConsumer.Add(Consumer);
        if (!awaitAnnouncement)
            return;

        await WaitAsync(async () =>
        {
            var handlers = await Api.GetFromJsonAsync<JsonElement>("/api/handlers");
            return handlers.EnumerateArray().Any(h => h.GetProperty("name").GetString() == "noop" && h.GetProperty("hosts").EnumerateArray()
                .Any(host => host.GetProperty("online").GetBoolean() && host.GetProperty("startedAt").GetDateTimeOffset() >= launched));
        }, Consumer, "the consumer host to announce noop");
    }

    /// <summary>Starts the consumer host again with the concurrency it had.</summary>
    public Task RestartConsumerAsync() => StartConsumerAsync(_consumerConcurrency);

    /// <summary>Starts another service instance beside the first, on its own port, with the same database and virtual host.</summary>
    public async Task<ProcessHost> AddServiceAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            var instance = await LaunchServiceAsync(FreePort());
            _services.Add(instance);
            return instance;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts the first service instance again (after it was killed or stopped) on its port, and waits until it is ready.</summary>
    public async Task RestartServiceAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            await _services[0].DisposeAsync();
            _services[0] = await LaunchServiceAsync(_servicePort);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// The deployment's restart policy, as Compose's <c>restart: on-failure</c> or Kubernetes would apply it: a service
    /// instance or consumer host that exits by itself (the product stops a process whose bus has stalled for good) is
    /// started again at once, and, as an orchestrator does, not waited for: a consumer host cannot announce itself while
    /// the service is down too, and waiting for it would hold the service's restart. A process the bench kills or stops
    /// is left to the bench.
    /// </summary>
    async Task SuperviseAsync(CancellationToken stopping)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await tick.WaitForNextTickAsync(stopping))
        {
            await _lifecycle.WaitAsync(stopping);
            try
            {
                for (var i = 0; i < _services.Count; i++)
                {
                    if (!_services[i].ExitedOnItsOwn)
                        continue;
                    Restarted($"service {i + 1}", _services[i]);
                    var port = _ports[_services[i]];
                    await _services[i].DisposeAsync();
                    _services[i] = await LaunchServiceAsync(port, awaitReady: false);
                }

                if (Consumer is { ExitedOnItsOwn: true } consumer)
                {
                    Restarted("consumer host", consumer);
                    await LaunchConsumerAsync(_consumerConcurrency, awaitAnnouncement: false);
                }
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or HttpRequestException)
            {
                // It did not come up; the next tick tries again, as a restart policy does.
                Console.WriteLine($"    restart failed: {exception.Message.Split('\n', 2)[0]}");
            }
            finally
            {
                _lifecycle.Release();
            }
        }
    }

    void Restarted(string process, ProcessHost host)
    {
        Console.WriteLine($"    {process} exited by itself (code {host.ExitCode}); starting it again. Its last words:");
        // The product's own critical lines (why it stopped) first, then how it ended.
        var output = host.Output;
        var critical = output.Select((line, i) => (line, i)).Where(x => x.line.StartsWith("crit:", StringComparison.Ordinal))
            .SelectMany(x => output.Skip(x.i).Take(2));
        foreach (var line in critical.Concat(output.TakeLast(4)))
            Console.WriteLine($"      | {line}");
        lock (_restarts)
            _restarts.Add(new ProcessRestart(process, DateTimeOffset.UtcNow, host.ExitCode));
    }

    async Task<ProcessHost> LaunchServiceAsync(int port, bool awaitReady = true)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__rabbitmq"] = RabbitMqConnectionString,
            ["ConnectionStrings__postgres"] = PostgresConnectionString,
            ["Scheduler__Retention__Enabled"] = "false",
            ["Scheduler__RateLimit__PermitsPerSecond"] = "1000000",
            ["Scheduler__RateLimit__Burst"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (_options.AdminKey is { } key)
            environment["SCHEDULER_ADMIN_API_KEY"] = key;
        var instance = ProcessHost.Start(_settings.ServiceDll, environment, "--urls", $"http://127.0.0.1:{port}");
        _everyService.Add(instance);
        _ports[instance] = port;
        if (!awaitReady)
            return instance;

        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitAsync(async () => (await probe.GetAsync("/health/ready")).IsSuccessStatusCode, instance, "the service to be ready");
        return instance;
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
        await using var command = new NpgsqlCommand(Own(sql), connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs SQL against the deployment's database (the bench's own tables, seeding).</summary>
    public async Task ExecuteAsync(string sql, TimeSpan? timeout = null)
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Own(sql), connection) { CommandTimeout = (int)(timeout ?? TimeSpan.FromMinutes(1)).TotalSeconds };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Writes <paramref name="ids"/> with their <paramref name="tag"/> into a bench table of (id uuid, tag text).</summary>
    public async Task CopyIdsAsync(string table, IEnumerable<Guid> ids, string tag)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var writer = await connection.BeginBinaryImportAsync(Own($"COPY {table} FROM STDIN (FORMAT BINARY)"));
        foreach (var id in ids)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(id, NpgsqlTypes.NpgsqlDbType.Uuid);
            await writer.WriteAsync(tag, NpgsqlTypes.NpgsqlDbType.Text);
        }

        await writer.CompleteAsync();
    }

    /// <summary>A column of text from the deployment's database.</summary>
    public Task<List<string>> TextColumnAsync(string sql) => RowsAsync(sql, reader => reader.GetString(0));

    /// <summary>A column of doubles from the deployment's database.</summary>
    public Task<List<double>> ColumnAsync(string sql) =>
        RowsAsync(sql, reader => reader.IsDBNull(0) ? double.NaN : Convert.ToDouble(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Rows from the deployment's database, each read with <paramref name="read"/>.</summary>
    public async Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Own(sql), connection) { CommandTimeout = 300 };
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
            values.Add(read(reader));
        return values;
    }

    // The tag goes last: Npgsql takes a COPY only when its text starts with COPY.
    string Own(string sql)
    {
        Interlocked.Increment(ref _ownStatements);
        return $"{sql} {OwnSqlTag}";
    }

    static TimeSpan CpuOf(List<ProcessHost> processes) => processes.Aggregate(TimeSpan.Zero, (sum, process) => sum + process.CpuTime);

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
        await _supervising.CancelAsync();
        try
        {
            await _supervisor;
        }
        catch (OperationCanceledException)
        {
        }

        _supervising.Dispose();
        if (Bus is not null)
            await Bus.StopAsync();
        if (Consumer is not null)
            await Consumer.DisposeAsync();
        foreach (var instance in _services)
            await instance.DisposeAsync();
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

using Microsoft.Data.Sqlite;

namespace Scheduler.Service.Hosting;

/// <summary>
/// Which parts run for real: PostgreSQL when <c>ConnectionStrings:postgres</c> is set, else an SQLite file under the
/// working directory; RabbitMQ when <c>ConnectionStrings:rabbitmq</c> is set, else MassTransit's in-memory transport
/// with the built-in handlers in this process. Neither set is the embedded default; both set is production.
/// On PostgreSQL, <see cref="PostgresConnectionString"/> names the bus side's pool and <see cref="ApiPostgresConnectionString"/>
/// the HTTP requests' (see <see cref="DatabasePoolOptions"/>).
/// </summary>
public sealed record DeploymentMode(string? PostgresConnectionString, string? RabbitMqConnectionString, string SqlitePath,
    string? ApiPostgresConnectionString = null)
{
    public const string DefaultSqliteFile = "scheduler.db";

    public bool UsesPostgres => PostgresConnectionString is not null;
    public bool UsesRabbitMq => RabbitMqConnectionString is not null;

    public string SqliteConnectionString => new SqliteConnectionStringBuilder { DataSource = SqlitePath, DefaultTimeout = 30 }.ToString();

    public static DeploymentMode From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration["Scheduler:Embedded:DatabasePath"] is { Length: > 0 } configured ? configured : DefaultSqliteFile;
        var pools = DatabasePoolOptions.From(configuration);
        var bus = NullIfBlank(configuration.GetConnectionString("postgres")) is { } postgres ? pools.BusConnectionString(postgres) : null;
        return new DeploymentMode(bus, NullIfBlank(configuration.GetConnectionString("rabbitmq")), Path.GetFullPath(path),
            bus is null ? null : pools.ApiConnectionString(bus));
    }

    /// <summary>One line for the log's first lines: what runs where.</summary>
    public string Describe() =>
        (UsesPostgres, UsesRabbitMq) switch
        {
            (true, true) => "production mode: PostgreSQL and RabbitMQ",
            (false, false) => $"embedded mode: SQLite at {SqlitePath}, MassTransit's in-memory transport, built-in handlers in this process " +
                              "(set ConnectionStrings__postgres and ConnectionStrings__rabbitmq for production)",
            (true, false) => "mixed mode: PostgreSQL, MassTransit's in-memory transport, built-in handlers in this process",
            (false, true) => $"mixed mode: SQLite at {SqlitePath}, RabbitMQ",
        };

    static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

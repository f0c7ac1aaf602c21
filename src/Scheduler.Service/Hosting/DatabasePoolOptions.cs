using Scheduler.Consumers.Hosting;

namespace Scheduler.Service.Hosting;

/// <summary>
/// How many PostgreSQL connections the service holds at most (configuration section <c>Scheduler:Database</c>), in two
/// pools: one for the bus side (the saga, admission, the scheduler endpoint, the dispatcher, the service's own work) and
/// a smaller one for HTTP requests, which waits briefly for a connection and then gives up, so that a burst of API
/// calls can never take the connections the bus side needs. A keyword written in <c>ConnectionStrings:postgres</c>
/// (<c>Maximum Pool Size</c>, <c>Connection Idle Lifetime</c>, <c>Application Name</c>) wins over these for the bus pool.
/// </summary>
public sealed class DatabasePoolOptions
{
    public const string SectionName = "Scheduler:Database";

    /// <summary>The name the service's connections carry in <c>pg_stat_activity</c>, unless the connection string names one.</summary>
    public const string ApplicationName = "scheduler";

    /// <summary>What the API pool's <c>Application Name</c> adds to the bus pool's: it makes the pool a separate one.</summary>
    public const string ApiApplicationNameSuffix = "-api";

    /// <summary>Connections of the bus side at most.</summary>
    public int MaxPoolSize { get; set; } = 20;

    /// <summary>Connections HTTP requests hold at most, together.</summary>
    public int ApiMaxPoolSize { get; set; } = 10;

    /// <summary>How long an HTTP request waits for a connection before it is answered 503 (whole seconds, at least one).</summary>
    public TimeSpan ApiConnectionTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The options in <paramref name="configuration"/>, checked.</summary>
    /// <exception cref="InvalidOperationException">A size is below one or the timeout is not positive.</exception>
    public static DatabasePoolOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<DatabasePoolOptions>() ?? new DatabasePoolOptions();
        if (options.MaxPoolSize < 1 || options.ApiMaxPoolSize < 1 || options.ApiConnectionTimeout <= TimeSpan.Zero)
            throw new InvalidOperationException($"{SectionName} needs MaxPoolSize and ApiMaxPoolSize of at least 1 and a positive ApiConnectionTimeout.");
        return options;
    }

    /// <summary>The bus pool's connection string: the operator's, with the defaults it leaves out.</summary>
    public string BusConnectionString(string connectionString) =>
        PostgresConnectionString.WithDefaults(connectionString, new PostgresPoolDefaults(ApplicationName, MaxPoolSize));

    /// <summary>The API pool's connection string: the bus pool's, in a pool of its own with the API's size and wait.</summary>
    public string ApiConnectionString(string busConnectionString) =>
        PostgresConnectionString.SeparatePool(busConnectionString, ApiApplicationNameSuffix, ApiMaxPoolSize, ApiConnectionTimeout);
}

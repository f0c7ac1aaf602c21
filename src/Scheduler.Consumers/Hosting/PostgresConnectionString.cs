using System.Data.Common;
using Npgsql;

namespace Scheduler.Consumers.Hosting;

/// <summary>The PostgreSQL connection string as the scheduler's processes use it: the operator's, with the defaults they did not set.</summary>
public static class PostgresConnectionString
{
    /// <summary>
    /// Fills in what the operator's connection string leaves out; every keyword it sets is kept as written.
    /// Automatic preparation is on (<c>Max Auto Prepare=100</c>): the scheduler sends the same few statements for every job,
    /// and a prepared one skips PostgreSQL's parse and plan (W1 of the benchmark: 175 to 203 jobs/s). The pool is bounded by
    /// <paramref name="pool"/>, and connections idle for <see cref="PostgresPoolDefaults.IdleLifetime"/> are closed, so a
    /// burst does not hold PostgreSQL's connections for minutes after it. A connection going back to the pool is not reset
    /// (<c>No Reset On Close</c>): these processes set no session state, and the reset is seven statements each time a
    /// connection is returned — about a third of all the statements the benchmark counted per job.
    /// </summary>
    public static string WithDefaults(string connectionString, PostgresPoolDefaults pool)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentOutOfRangeException.ThrowIfLessThan(pool.MaxPoolSize, 1);

        var builder = new NpgsqlConnectionStringBuilder(connectionString);

        // Npgsql writes back only the keywords that were set, each under its canonical name, whichever synonym was used.
        var written = new DbConnectionStringBuilder { ConnectionString = builder.ConnectionString };
        if (!written.ContainsKey("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = 100;
            if (!written.ContainsKey("Auto Prepare Min Usages"))
                builder.AutoPrepareMinUsages = 2;
        }

        if (!written.ContainsKey("No Reset On Close"))
            builder.NoResetOnClose = true;
        if (!written.ContainsKey("Maximum Pool Size"))
            builder.MaxPoolSize = Math.Max(pool.MaxPoolSize, builder.MinPoolSize);
        if (!written.ContainsKey("Connection Idle Lifetime"))
            builder.ConnectionIdleLifetime = Math.Max((int)PostgresPoolDefaults.IdleLifetime.TotalSeconds, builder.ConnectionPruningInterval);
        if (!written.ContainsKey("Application Name"))
            builder.ApplicationName = pool.ApplicationName;
        if (pool.ConnectionTimeout is { } connectionTimeout && !written.ContainsKey("Timeout"))
            builder.Timeout = WholeSeconds(connectionTimeout);
        if (pool.CommandTimeout is { } commandTimeout && !written.ContainsKey("Command Timeout"))
            builder.CommandTimeout = WholeSeconds(commandTimeout);

        return builder.ConnectionString;
    }

    /// <summary>
    /// The same database as <paramref name="connectionString"/> (already given its defaults) in a pool of its own: Npgsql
    /// keeps one pool per connection string, and the <c>Application Name</c> of this one differs by <paramref name="suffix"/>.
    /// Its size and its wait for a connection are <paramref name="maxPoolSize"/> and <paramref name="connectionTimeout"/>.
    /// Its connections are reset when they go back to the pool, whatever the operator wrote: a member's request sets the
    /// connection's role and tenant for row-level security, and the next request must not inherit them.
    /// </summary>
    public static string SeparatePool(string connectionString, string suffix, int maxPoolSize, TimeSpan connectionTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(suffix);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoolSize, 1);

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.ApplicationName = $"{builder.ApplicationName}{suffix}";
        builder.MaxPoolSize = maxPoolSize;
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, maxPoolSize);
        builder.Timeout = WholeSeconds(connectionTimeout);
        builder.NoResetOnClose = false;
        return builder.ConnectionString;
    }

    // Npgsql counts these in whole seconds, and zero means forever: a fraction rounds up, never down to zero.
    static int WholeSeconds(TimeSpan value) => Math.Max(1, (int)Math.Ceiling(value.TotalSeconds));
}

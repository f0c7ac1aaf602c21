namespace Scheduler.Consumers.Hosting;

/// <summary>
/// What a process's PostgreSQL pool gets where the operator's connection string is silent: a bounded size, so that
/// several service instances and consumer hosts fit under PostgreSQL's <c>max_connections</c> together.
/// </summary>
/// <param name="ApplicationName">Npgsql's <c>Application Name</c>: names the process in <c>pg_stat_activity</c>.</param>
/// <param name="MaxPoolSize">Npgsql's <c>Maximum Pool Size</c>: connections this pool opens at most.</param>
public sealed record PostgresPoolDefaults(string ApplicationName, int MaxPoolSize)
{
    /// <summary>How long a connection beyond the pool's minimum stays open unused (Npgsql's own default is 300 s).</summary>
    public static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(30);

    /// <summary>Npgsql's <c>Timeout</c>: how long a caller waits for a connection, from the pool or from the server; null keeps Npgsql's 15 s.</summary>
    public TimeSpan? ConnectionTimeout { get; init; }

    /// <summary>Npgsql's <c>Command Timeout</c>; null keeps Npgsql's 30 s.</summary>
    public TimeSpan? CommandTimeout { get; init; }
}

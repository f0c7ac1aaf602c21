using Npgsql;

namespace Scheduler.Bench.Chaos.Trials;

/// <summary>
/// Counts the database server's client sessions (other than its own) every 100 ms, from a session it opens first, since
/// a server out of sessions would refuse a new one: the most seen and the latest count.
/// </summary>
public sealed class SessionWatch : IAsyncDisposable
{
    const string Count = "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()";

    readonly NpgsqlConnection _connection;
    readonly CancellationTokenSource _stop = new();
    readonly SemaphoreSlim _gate = new(1, 1);
    Task _loop = Task.CompletedTask;
    long _most;

    SessionWatch(NpgsqlConnection connection) => _connection = connection;

    /// <summary>The most sessions seen since the watch began.</summary>
    public long Most => Interlocked.Read(ref _most);

    public static async Task<SessionWatch> StartAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        var watch = new SessionWatch(connection);
        watch._loop = watch.WatchAsync();
        return watch;
    }

    /// <summary>The sessions now.</summary>
    public async Task<long> CountAsync()
    {
        await _gate.WaitAsync();
        try
        {
            await using var command = new NpgsqlCommand(Count, _connection);
            var sessions = (long)(await command.ExecuteScalarAsync())!;
            if (sessions > Interlocked.Read(ref _most))
                Interlocked.Exchange(ref _most, sessions);
            return sessions;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await _connection.DisposeAsync();
        _stop.Dispose();
        _gate.Dispose();
    }

    async Task WatchAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await CountAsync();
                await Task.Delay(100, _stop.Token);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or NpgsqlException)
        {
            // Stopped, or the session was lost: the counts so far stand.
        }
    }
}

using Npgsql;

namespace Scheduler.Bench.Chaos.Trials;

/// <summary>Reads that may meet the outage a case caused: a refused or cut connection gives the fallback, not an error.</summary>
public static class Outages
{
    public static async Task<T> OrAsync<T>(Func<Task<T>> read, T fallback)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read();
        }
        catch (Exception exception) when (exception is NpgsqlException or HttpRequestException or TimeoutException or IOException)
        {
            return fallback;
        }
    }
}

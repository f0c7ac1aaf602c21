using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Scheduler.Bench.Deployment;

/// <summary>The versions of the services the figures were measured on.</summary>
public static class BenchVersions
{
    /// <summary>The product's, the services' and the runtime's versions.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> CollectAsync(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new Dictionary<string, string>
        {
            ["scheduler"] = typeof(BenchVersions).Assembly.GetName().Version?.ToString() ?? "unknown",
            ["postgres"] = await PostgresAsync(settings.Postgres),
            ["rabbitmq"] = await RabbitMqAsync(settings),
            ["dotnet"] = Environment.Version.ToString(),
        };
    }

    public static async Task<string> PostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<string> RabbitMqAsync(BenchSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (management, _) = RabbitMqManagement.Connect(settings.RabbitMq, settings.RabbitMqManagement);
        using var _ = management;
        try
        {
            var overview = await management.GetFromJsonAsync<JsonElement>("overview");
            return overview.GetProperty("rabbitmq_version").GetString() ?? "unknown";
        }
        catch (HttpRequestException)
        {
            return "unknown";
        }
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace Scheduler.Bench.Deployment;

/// <summary>The versions of the services the figures were measured on.</summary>
public static class BenchVersions
{
    public static async Task<string> PostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<string> RabbitMqAsync(string amqpUri)
    {
        var (management, _) = RabbitMqManagement.Connect(amqpUri);
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

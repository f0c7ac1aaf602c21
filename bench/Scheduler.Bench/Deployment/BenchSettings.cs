using System.Data.Common;
using System.Net;
using Npgsql;

namespace Scheduler.Bench.Deployment;

/// <summary>Where the real services are and where the product's Release builds live.</summary>
public sealed record BenchSettings(string Postgres, string RabbitMq, Uri RabbitMqManagement, string ServiceDll, string ConsumerDll)
{
    /// <summary>The RabbitMQ management API's address, when it is not on port 15672 of the broker's host.</summary>
    public const string ManagementVariable = "RABBITMQ_MANAGEMENT_URL";

    public static BenchSettings FromEnvironment(string repository)
    {
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__postgres");
        var rabbitMq = Environment.GetEnvironmentVariable("ConnectionStrings__rabbitmq");
        if (string.IsNullOrWhiteSpace(postgres) || string.IsNullOrWhiteSpace(rabbitMq))
            throw new InvalidOperationException("Set ConnectionStrings__postgres and ConnectionStrings__rabbitmq, or run ./bench.sh, which starts local ones.");

        var management = Environment.GetEnvironmentVariable(ManagementVariable) is { Length: > 0 } address
            ? new Uri(address.EndsWith('/') ? address : address + "/")
            : new Uri($"http://{new Uri(rabbitMq).Host}:15672/api/");
        return new BenchSettings(WithoutLoopbackTls(postgres), rabbitMq, management,
            Path.Combine(repository, "src", "Scheduler.Service", "bin", "Release", "net10.0", "Scheduler.Service.dll"),
            Path.Combine(repository, "src", "Scheduler.Consumers", "bin", "Release", "net10.0", "Scheduler.Consumers.dll"));
    }

    /// <summary>
    /// TLS to a database on this same machine protects nothing and costs the CPU the processes share (W1: 154 to 175
    /// jobs/s without it), so on loopback the bench turns it off unless the connection string says otherwise.
    /// </summary>
    static string WithoutLoopbackTls(string postgres)
    {
        var written = new DbConnectionStringBuilder { ConnectionString = postgres };
        var builder = new NpgsqlConnectionStringBuilder(postgres);
        var loopback = builder.Host is "localhost" || (IPAddress.TryParse(builder.Host, out var address) && IPAddress.IsLoopback(address));
        if (!loopback || written.ContainsKey("SSL Mode") || written.ContainsKey("SslMode"))
            return postgres;

        builder.SslMode = SslMode.Disable;
        return builder.ConnectionString;
    }
}

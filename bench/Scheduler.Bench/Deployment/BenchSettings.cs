namespace Scheduler.Bench.Deployment;

/// <summary>Where the real services are and where the product's Release builds live.</summary>
public sealed record BenchSettings(string Postgres, string RabbitMq, string ServiceDll, string ConsumerDll)
{
    public static BenchSettings FromEnvironment(string repository)
    {
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__postgres");
        var rabbitMq = Environment.GetEnvironmentVariable("ConnectionStrings__rabbitmq");
        if (string.IsNullOrWhiteSpace(postgres) || string.IsNullOrWhiteSpace(rabbitMq))
            throw new InvalidOperationException("Set ConnectionStrings__postgres and ConnectionStrings__rabbitmq, or run ./bench.sh, which starts local ones.");

        return new BenchSettings(postgres, rabbitMq,
            Path.Combine(repository, "src", "Scheduler.Service", "bin", "Release", "net10.0", "Scheduler.Service.dll"),
            Path.Combine(repository, "src", "Scheduler.Consumers", "bin", "Release", "net10.0", "Scheduler.Consumers.dll"));
    }
}

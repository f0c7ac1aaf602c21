namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>The real RabbitMQ and PostgreSQL the integration tests run against, as test.sh provides them.</summary>
public sealed record RealInfrastructure(string Postgres, string RabbitMq)
{
    public static RealInfrastructure FromEnvironment()
    {
        var postgres = Environment.GetEnvironmentVariable("ConnectionStrings__postgres");
        var rabbitMq = Environment.GetEnvironmentVariable("ConnectionStrings__rabbitmq");
        if (string.IsNullOrWhiteSpace(postgres) || string.IsNullOrWhiteSpace(rabbitMq))
            throw new InvalidOperationException(
                "Integration tests need a real PostgreSQL and RabbitMQ: set ConnectionStrings__postgres and ConnectionStrings__rabbitmq, " +
                "or run ./test.sh, which starts local ones.");

        return new RealInfrastructure(postgres, rabbitMq);
    }
}

using MassTransit;

namespace Scheduler.Consumers.Hosting;

/// <summary>Points a MassTransit RabbitMQ bus at the broker a <see cref="RabbitMqConnection"/> names.</summary>
public static class RabbitMqHostConfiguration
{
    /// <summary>Configures the broker host, virtual host, credentials and TLS from <paramref name="connection"/>.</summary>
    public static void Host(this IRabbitMqBusFactoryConfigurator configurator, RabbitMqConnection connection)
    {
        ArgumentNullException.ThrowIfNull(configurator);
        ArgumentNullException.ThrowIfNull(connection);

        configurator.Host(connection.Host, checked((ushort)connection.Port), connection.VirtualHost, host =>
        {
            host.Username(connection.Username);
            host.Password(connection.Password);
            if (connection.UseTls)
                host.UseSsl(ssl => ssl.ServerName = connection.Host);
        });
    }
}

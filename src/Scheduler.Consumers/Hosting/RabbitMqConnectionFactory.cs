using RabbitMQ.Client;

namespace Scheduler.Consumers.Hosting;

/// <summary>AMQP connections of a process's own, beside MassTransit's: to set up queues, to look into them and to probe the broker.</summary>
public static class RabbitMqConnectionFactory
{
    /// <summary>A connection factory for <paramref name="broker"/>, its connections named <paramref name="clientName"/> on the broker.</summary>
    public static ConnectionFactory Create(RabbitMqConnection broker, string clientName)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var factory = new ConnectionFactory
        {
            HostName = broker.Host,
            Port = broker.Port,
            VirtualHost = broker.VirtualHost,
            UserName = broker.Username,
            Password = broker.Password,
            ClientProvidedName = clientName,
        };
        if (broker.UseTls)
            factory.Ssl = new SslOption(broker.Host, enabled: true);
        return factory;
    }
}

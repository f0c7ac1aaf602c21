using Scheduler.Consumers.Hosting;

namespace Scheduler.UnitTests.Consumers.Hosting;

public sealed class RabbitMqConnectionTests
{
    [Fact]
    public void Reads_host_port_credentials_and_default_virtual_host()
    {
        var connection = RabbitMqConnection.Parse("amqp://guest:guest@127.0.0.1:5672/");

        Assert.Equal("127.0.0.1", connection.Host);
        Assert.Equal(5672, connection.Port);
        Assert.Equal("/", connection.VirtualHost);
        Assert.Equal("guest", connection.Username);
        Assert.Equal("guest", connection.Password);
        Assert.False(connection.UseTls);
    }

    [Fact]
    public void Amqps_uses_tls_and_its_default_port()
    {
        var connection = RabbitMqConnection.Parse("amqps://app:secret@rabbit.example.com/orders");

        Assert.True(connection.UseTls);
        Assert.Equal(RabbitMqConnection.AmqpsPort, connection.Port);
        Assert.Equal("rabbit.example.com", connection.Host);
        Assert.Equal("orders", connection.VirtualHost);
    }

    [Fact]
    public void Missing_port_path_and_credentials_take_rabbitmq_defaults()
    {
        var connection = RabbitMqConnection.Parse("amqp://localhost");

        Assert.Equal(RabbitMqConnection.AmqpPort, connection.Port);
        Assert.Equal("/", connection.VirtualHost);
        Assert.Equal("guest", connection.Username);
        Assert.Equal("guest", connection.Password);
    }

    [Fact]
    public void Percent_encoded_credentials_and_virtual_host_are_decoded()
    {
        var connection = RabbitMqConnection.Parse("amqp://us%40er:p%3Ass%2Fword@localhost:5673/%2Fteam%2Fa");

        Assert.Equal("us@er", connection.Username);
        Assert.Equal("p:ss/word", connection.Password);
        Assert.Equal(5673, connection.Port);
        Assert.Equal("/team/a", connection.VirtualHost);
    }

    [Fact]
    public void Ipv6_host_loses_its_brackets()
    {
        Assert.Equal("::1", RabbitMqConnection.Parse("amqp://[::1]:5672/").Host);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("localhost:5672")]
    [InlineData("http://localhost:5672/")]
    [InlineData("amqp://localhost/a/b")]
    [InlineData("Host=localhost;Port=5672")]
    public void Anything_but_a_single_virtual_host_amqp_uri_is_refused_with_a_reason(string? uri)
    {
        Assert.False(RabbitMqConnection.TryParse(uri, out var connection, out var error));
        Assert.Null(connection);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Parse_throws_a_format_exception_naming_the_supported_schemes()
    {
        var exception = Assert.Throws<FormatException>(() => RabbitMqConnection.Parse("redis://localhost"));

        Assert.Contains("amqp://", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_form_hides_the_password()
    {
        var text = RabbitMqConnection.Parse("amqp://app:hunter2@localhost:5672/").ToString();

        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.Equal("amqp://app:***@localhost:5672/%2F", text);
    }
}

using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

public sealed class JobActorTests
{
    [Theory]
    [InlineData("rabbitmq://broker/scheduler/billing-service", "bus:billing-service")]
    [InlineData("rabbitmq://broker/billing-service?temporary=true", "bus:billing-service")]
    [InlineData("loopback://localhost/host_dotnet_bus_abc123", "bus:host_dotnet_bus_abc123")]
    [InlineData("rabbitmq://broker/scheduler/orders%20intake", "bus:orders intake")]
    public void A_bus_command_is_named_by_the_endpoint_it_was_sent_from(string source, string actor) =>
        Assert.Equal(actor, JobActor.OfSource(new Uri(source)));

    [Fact]
    public void A_bus_command_without_a_source_is_named_bus()
    {
        Assert.Equal("bus", JobActor.OfSource(null));
        Assert.Equal("bus", JobActor.OfSource(new Uri("rabbitmq://broker/")));
    }
}

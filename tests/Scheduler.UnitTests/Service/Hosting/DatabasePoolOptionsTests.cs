using Microsoft.Extensions.Configuration;
using Npgsql;
using Scheduler.Service.Hosting;

namespace Scheduler.UnitTests.Service.Hosting;

public sealed class DatabasePoolOptionsTests
{
    static DeploymentMode Mode(params (string Key, string Value)[] settings) =>
        DeploymentMode.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Fact]
    public void The_bus_side_and_the_api_get_separate_bounded_pools_by_default()
    {
        var mode = Mode(("ConnectionStrings:postgres", "Host=db;Database=scheduler"));

        var bus = new NpgsqlConnectionStringBuilder(mode.PostgresConnectionString);
        var api = new NpgsqlConnectionStringBuilder(mode.ApiPostgresConnectionString);
        Assert.Equal(20, bus.MaxPoolSize);
        Assert.Equal(10, api.MaxPoolSize);
        Assert.Equal(2, api.Timeout);
        Assert.Equal("scheduler", bus.ApplicationName);
        Assert.Equal("scheduler-api", api.ApplicationName);
        Assert.Equal(30, api.ConnectionIdleLifetime);
    }

    [Fact]
    public void The_sizes_and_the_apis_wait_come_from_configuration()
    {
        var mode = Mode(("ConnectionStrings:postgres", "Host=db"), ("Scheduler:Database:MaxPoolSize", "8"),
            ("Scheduler:Database:ApiMaxPoolSize", "3"), ("Scheduler:Database:ApiConnectionTimeout", "00:00:05"));

        Assert.Equal(8, new NpgsqlConnectionStringBuilder(mode.PostgresConnectionString).MaxPoolSize);
        Assert.Equal(3, new NpgsqlConnectionStringBuilder(mode.ApiPostgresConnectionString).MaxPoolSize);
        Assert.Equal(5, new NpgsqlConnectionStringBuilder(mode.ApiPostgresConnectionString).Timeout);
    }

    [Fact]
    public void A_pool_size_written_in_the_connection_string_wins_for_the_bus_side()
    {
        var mode = Mode(("ConnectionStrings:postgres", "Host=db;Maximum Pool Size=40;Application Name=east"), ("Scheduler:Database:MaxPoolSize", "8"));

        var bus = new NpgsqlConnectionStringBuilder(mode.PostgresConnectionString);
        var api = new NpgsqlConnectionStringBuilder(mode.ApiPostgresConnectionString);
        Assert.Equal(40, bus.MaxPoolSize);
        Assert.Equal(10, api.MaxPoolSize);
        Assert.Equal(("east", "east-api"), (bus.ApplicationName, api.ApplicationName));
    }

    [Theory]
    [InlineData("Scheduler:Database:MaxPoolSize", "0")]
    [InlineData("Scheduler:Database:ApiMaxPoolSize", "-1")]
    [InlineData("Scheduler:Database:ApiConnectionTimeout", "00:00:00")]
    public void Refuses_a_pool_that_could_never_serve(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Mode(("ConnectionStrings:postgres", "Host=db"), (key, value)));

        Assert.Contains("Scheduler:Database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_default_has_no_pools()
    {
        var mode = Mode();

        Assert.Null(mode.PostgresConnectionString);
        Assert.Null(mode.ApiPostgresConnectionString);
    }
}

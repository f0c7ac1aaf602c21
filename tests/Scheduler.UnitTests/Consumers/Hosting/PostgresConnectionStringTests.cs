using Npgsql;
using Scheduler.Consumers.Hosting;

namespace Scheduler.UnitTests.Consumers.Hosting;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void Turns_on_automatic_preparation_when_the_operator_did_not_set_it()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults("Host=db;Username=app;Password=secret;Database=scheduler"));

        Assert.Equal(100, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.Equal("db", tuned.Host);
        Assert.Equal("secret", tuned.Password);
        Assert.Equal("scheduler", tuned.Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0")]
    [InlineData("Host=db;maxautoprepare=0")]
    public void Keeps_the_operators_own_choice(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionString.WithDefaults(connectionString));

        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}

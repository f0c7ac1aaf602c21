using Npgsql;
using Scheduler.Consumers.Hosting;

namespace Scheduler.UnitTests.Consumers.Hosting;

public sealed class PostgresConnectionStringTests
{
    static readonly PostgresPoolDefaults Pool = new("scheduler-test", 7);

    static NpgsqlConnectionStringBuilder Tuned(string connectionString, PostgresPoolDefaults? pool = null) =>
        new(PostgresConnectionString.WithDefaults(connectionString, pool ?? Pool));

    [Fact]
    public void Turns_on_automatic_preparation_when_the_operator_did_not_set_it()
    {
        var tuned = Tuned("Host=db;Username=app;Password=secret;Database=scheduler");

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
        var tuned = Tuned(connectionString);

        Assert.Equal(0, tuned.MaxAutoPrepare);
    }

    [Fact]
    public void Bounds_the_pool_names_it_and_closes_idle_connections_sooner_when_the_operator_did_not_say()
    {
        var tuned = Tuned("Host=db;Database=scheduler");

        Assert.Equal(7, tuned.MaxPoolSize);
        Assert.Equal(30, tuned.ConnectionIdleLifetime);
        Assert.Equal("scheduler-test", tuned.ApplicationName);
        Assert.Equal(15, tuned.Timeout);
        Assert.Equal(30, tuned.CommandTimeout);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=50;Connection Idle Lifetime=600;Application Name=billing;Timeout=20;Command Timeout=60")]
    [InlineData("Host=db;maxpoolsize=50;connectionidlelifetime=600;applicationname=billing;timeout=20;commandtimeout=60")]
    public void Keeps_the_pool_settings_the_operator_wrote(string connectionString)
    {
        var tuned = Tuned(connectionString, Pool with { ConnectionTimeout = TimeSpan.FromSeconds(5), CommandTimeout = TimeSpan.FromSeconds(5) });

        Assert.Equal(50, tuned.MaxPoolSize);
        Assert.Equal(600, tuned.ConnectionIdleLifetime);
        Assert.Equal("billing", tuned.ApplicationName);
        Assert.Equal(20, tuned.Timeout);
        Assert.Equal(60, tuned.CommandTimeout);
    }

    [Fact]
    public void Waits_and_commands_get_the_pools_bounds_in_whole_seconds()
    {
        var tuned = Tuned("Host=db", Pool with { ConnectionTimeout = TimeSpan.FromMilliseconds(200), CommandTimeout = TimeSpan.FromSeconds(4.5) });

        Assert.Equal(1, tuned.Timeout);
        Assert.Equal(5, tuned.CommandTimeout);
    }

    [Fact]
    public void A_minimum_the_operator_wrote_is_never_above_the_default_maximum_nor_the_idle_lifetime_below_the_pruning_interval()
    {
        var tuned = Tuned("Host=db;Minimum Pool Size=12;Connection Pruning Interval=45");

        Assert.Equal(12, tuned.MinPoolSize);
        Assert.Equal(12, tuned.MaxPoolSize);
        Assert.Equal(45, tuned.ConnectionIdleLifetime);
    }

    [Fact]
    public void A_separate_pool_is_the_same_database_under_another_name_with_its_own_size_and_wait()
    {
        var main = PostgresConnectionString.WithDefaults("Host=db;Database=scheduler;Username=app;Minimum Pool Size=4", Pool);

        var separate = new NpgsqlConnectionStringBuilder(PostgresConnectionString.SeparatePool(main, "-api", 2, TimeSpan.FromSeconds(1.5)));

        Assert.NotEqual(main, separate.ConnectionString);
        Assert.Equal("scheduler-test-api", separate.ApplicationName);
        Assert.Equal(2, separate.MaxPoolSize);
        Assert.Equal(2, separate.MinPoolSize);
        Assert.Equal(2, separate.Timeout);
        Assert.Equal(("db", "scheduler", "app"), (separate.Host, separate.Database, separate.Username));
        Assert.Equal(100, separate.MaxAutoPrepare);
    }

    [Fact]
    public void A_connection_going_back_to_the_pool_is_not_reset_unless_the_operator_asks()
    {
        Assert.True(Tuned("Host=db").NoResetOnClose);
        Assert.False(Tuned("Host=db;No Reset On Close=false").NoResetOnClose);
    }

    [Fact]
    public void A_separate_pool_always_resets_its_connections_since_a_members_request_sets_its_role_and_tenant()
    {
        var bus = PostgresConnectionString.WithDefaults("Host=db;No Reset On Close=true", Pool);

        var api = new NpgsqlConnectionStringBuilder(PostgresConnectionString.SeparatePool(bus, "-api", 10, TimeSpan.FromSeconds(2)));

        Assert.False(api.NoResetOnClose);
    }
}

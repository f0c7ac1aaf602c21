using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scheduler.Consumers.BuiltIn;
using Scheduler.Consumers.Handlers;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;

namespace Scheduler.UnitTests.Consumers.Hosting;

public sealed class JobHandlerRegistrationExtensionsTests
{
    [Fact]
    public async Task Built_in_handlers_are_registered_under_their_names_with_their_queues()
    {
        await using var provider = Build(bus => bus.AddBuiltInJobHandlers());

        var registrations = provider.GetServices<JobHandlerRegistration>().ToList();

        // cleanup-history is served by the scheduler service, which owns the history.
        Assert.Equal(BuiltInHandlers.Names.Where(name => name != BuiltInHandlers.CleanupHistory), registrations.Select(registration => registration.Name));
        Assert.Equal(typeof(Scheduler.Consumers.BuiltIn.HttpJobRequest), registrations.Single(r => r.Name == BuiltInHandlers.Http).PayloadType);
        Assert.Equal("scheduler-handler-sleep", registrations.Single(r => r.Name == BuiltInHandlers.Sleep).QueueName);
        Assert.Equal(typeof(FailJobHandler), registrations.Single(r => r.Name == BuiltInHandlers.Fail).HandlerType);
    }

    [Fact]
    public async Task Handler_is_resolved_by_name_from_a_scope()
    {
        await using var provider = Build(bus => bus.AddBuiltInJobHandlers());
        await using var scope = provider.CreateAsyncScope();

        Assert.IsType<SleepJobHandler>(scope.ServiceProvider.GetRequiredKeyedService<IJobHandler>(BuiltInHandlers.Sleep));
        Assert.Null(scope.ServiceProvider.GetKeyedService<IJobHandler>("missing"));
    }

    [Fact]
    public void A_second_handler_with_the_same_name_is_refused()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => Build(bus =>
        {
            bus.AddBuiltInJobHandlers();
            bus.AddJobHandler<CustomHandler>(BuiltInHandlers.Noop);
        }));

        Assert.Contains("'noop'", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Reports")]
    [InlineData("-reports")]
    [InlineData("send mail")]
    public void A_handler_name_that_breaks_the_naming_rule_is_refused(string name)
    {
        Assert.Throws<ArgumentException>(() => Build(bus => bus.AddJobHandler<CustomHandler>(name)));
    }

    [Fact]
    public async Task Concurrency_defaults_to_five_per_handler()
    {
        await using var provider = Build(bus => bus.AddJobHandler<CustomHandler>("reports"));

        var options = provider.GetRequiredService<IOptionsMonitor<JobHandlerOptions>>().Get("reports");

        Assert.Equal(JobHandlerOptions.DefaultConcurrency, options.Concurrency);
        Assert.Equal(5, options.Concurrency);
    }

    [Fact]
    public async Task Concurrency_set_in_code_applies_to_that_handler_only()
    {
        await using var provider = Build(bus =>
        {
            bus.AddJobHandler<CustomHandler>("reports", options => options.Concurrency = 2);
            bus.AddBuiltInJobHandlers();
        });
        var monitor = provider.GetRequiredService<IOptionsMonitor<JobHandlerOptions>>();

        Assert.Equal(2, monitor.Get("reports").Concurrency);
        Assert.Equal(JobHandlerOptions.DefaultConcurrency, monitor.Get(BuiltInHandlers.Noop).Concurrency);
    }

    [Fact]
    public async Task Concurrency_in_configuration_wins_over_code()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduler:Handlers:reports:Concurrency"] = "12" })
            .Build();

        await using var provider = Build(
            bus => bus.AddJobHandler<CustomHandler>("reports", options => options.Concurrency = 2),
            services => services.AddSingleton<IConfiguration>(configuration));

        Assert.Equal(12, provider.GetRequiredService<IOptionsMonitor<JobHandlerOptions>>().Get("reports").Concurrency);
    }

    [Fact]
    public async Task Concurrency_below_one_is_refused_when_the_endpoints_are_configured()
    {
        await using var provider = Build(bus => bus.AddJobHandler<CustomHandler>("reports", options => options.Concurrency = 0));

        var exception = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptionsMonitor<JobHandlerOptions>>().Get("reports"));

        Assert.Contains("'reports'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Time_provider_and_host_identity_are_registered_once_and_replaceable()
    {
        var host = new Scheduler.Consumers.Execution.ConsumerHost("test-host");
        await using var provider = Build(
            bus => bus.AddBuiltInJobHandlers(),
            services => services.AddSingleton(host));

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Same(host, provider.GetRequiredService<Scheduler.Consumers.Execution.ConsumerHost>());
    }

    static ServiceProvider Build(Action<IBusRegistrationConfigurator> configure, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        services?.Invoke(collection);
        collection.AddMassTransit(bus =>
        {
            configure(bus);
            bus.UsingInMemory((context, cfg) => cfg.ConfigureJobHandlerEndpoints(context));
        });
        return collection.BuildServiceProvider(validateScopes: true);
    }

    sealed class CustomHandler : IJobHandler
    {
        public Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken) =>
            Task.FromResult<JsonElement?>(null);
    }
}

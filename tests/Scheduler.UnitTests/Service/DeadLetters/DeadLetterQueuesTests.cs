using Microsoft.Extensions.Configuration;
using Scheduler.Service.DeadLetters;
using Scheduler.Service.Validation;

namespace Scheduler.UnitTests.Service.DeadLetters;

public sealed class DeadLetterQueuesTests
{
    static DeadLetterQueues Queues()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Scheduler:KnownHandlers:0"] = "billing.invoices" }).Build();
        var catalog = new HandlerCatalog(configuration);
        catalog.Announced("reports");
        return new DeadLetterQueues(catalog);
    }

    [Fact]
    public void The_service_endpoints_and_every_known_handler_are_watched()
    {
        var sources = Queues().Sources;

        Assert.Equal(["scheduler-jobs", "scheduler", "scheduler-admission", "scheduler-batch-admission", "scheduler-run-reports", "scheduler-job-due",
            "scheduler-run-progress"], sources.Take(7));
        Assert.Contains("scheduler-handler-noop", sources);
        Assert.Contains("scheduler-handler-billing.invoices", sources);
        Assert.Contains("scheduler-handler-reports", sources);
    }

    [Theory]
    [InlineData("scheduler-handler-noop_error", "scheduler-handler-noop")]
    [InlineData("scheduler-jobs_error", "scheduler-jobs")]
    [InlineData("scheduler_error", "scheduler")]
    [InlineData("scheduler-handler-noop", null)]          // not an error queue
    [InlineData("scheduler-handler-nobody_error", null)]  // no such handler
    [InlineData("orders_error", null)]                    // another service's
    [InlineData("_error", null)]
    public void An_error_queue_maps_back_to_its_watched_queue_only(string errorQueue, string? source) =>
        Assert.Equal(source, Queues().SourceOf(errorQueue));
}

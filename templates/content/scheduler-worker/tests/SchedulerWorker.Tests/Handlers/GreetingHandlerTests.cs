using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;
using SchedulerWorker.Handlers;

namespace SchedulerWorker.Tests.Handlers;

public sealed class GreetingHandlerTests
{
    [Fact]
    public async Task Greets_the_name_in_the_payload_and_reports_the_greetings_as_its_result()
    {
        await using var bus = await HandlerTestBus.StartAsync(x => x.AddJobHandler<GreetingHandler>(GreetingHandler.HandlerName));

        var runId = await bus.RunAsync(GreetingHandler.HandlerName, """{"name": "Ada", "times": 2}""");

        var outcome = await bus.OutcomeAsync(runId);
        Assert.NotNull(outcome?.Succeeded);
        var result = outcome.Succeeded.Result;
        Assert.NotNull(result);
        var greetings = result.Value.GetProperty("greetings").EnumerateArray().Select(g => g.GetString() ?? "").ToList();
        Assert.Equal(["Hello, Ada!", "Hello, Ada!"], greetings);
    }

    [Theory]
    [InlineData("""{"times": 2}""")]
    [InlineData("""{"name": "Ada", "times": 0}""")]
    public async Task A_payload_it_cannot_use_fails_the_run_as_permanent_so_it_is_not_retried(string payload)
    {
        await using var bus = await HandlerTestBus.StartAsync(x => x.AddJobHandler<GreetingHandler>(GreetingHandler.HandlerName));

        var runId = await bus.RunAsync(GreetingHandler.HandlerName, payload);

        var outcome = await bus.OutcomeAsync(runId);
        Assert.NotNull(outcome?.Failed);
        Assert.Equal(ErrorCategory.Permanent, outcome.Failed.Error.Category);
    }
}

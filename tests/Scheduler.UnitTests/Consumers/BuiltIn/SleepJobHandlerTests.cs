using System.Text.Json;
using Scheduler.Consumers.BuiltIn;
using Scheduler.Consumers.Handlers;

namespace Scheduler.UnitTests.Consumers.BuiltIn;

public sealed class SleepJobHandlerTests
{
    readonly SleepJobHandler _handler = new(TimeProvider.System);

    [Fact]
    public async Task Zero_duration_returns_at_once_with_what_it_slept()
    {
        var result = await _handler.ExecuteAsync(Context("""{"duration": "PT0S"}"""), CancellationToken.None);

        Assert.Equal("PT0S", result?.GetProperty("slept").GetString());
    }

    [Fact]
    public async Task Negative_duration_is_a_permanent_failure()
    {
        var exception = await Assert.ThrowsAsync<PermanentJobFailureException>(
            () => _handler.ExecuteAsync(Context("""{"duration": "-PT1S"}"""), CancellationToken.None));

        Assert.Contains("-PT1S", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_ends_the_sleep()
    {
        using var cancellation = new CancellationTokenSource();
        var sleeping = _handler.ExecuteAsync(Context("""{"duration": "PT1H"}"""), cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sleeping);
    }

    static JobExecutionContext Context(string payload) => new()
    {
        JobId = Guid.NewGuid(),
        RunId = Guid.NewGuid(),
        TenantId = "default",
        Handler = BuiltInHandlers.Sleep,
        Payload = JsonDocument.Parse(payload).RootElement.Clone(),
    };
}

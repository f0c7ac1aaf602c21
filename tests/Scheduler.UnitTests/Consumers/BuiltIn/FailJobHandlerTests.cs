using System.Text.Json;
using Scheduler.Consumers.BuiltIn;
using Scheduler.Consumers.Handlers;

namespace Scheduler.UnitTests.Consumers.BuiltIn;

public sealed class FailJobHandlerTests
{
    readonly FailJobHandler _handler = new();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Attempts_up_to_times_fail(int attempt)
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => _handler.ExecuteAsync(Context("""{"message": "boom", "times": 2}""", attempt), CancellationToken.None));

        Assert.Equal("boom", exception.Message);
    }

    [Fact]
    public async Task The_attempt_after_times_succeeds_and_says_which_it_was()
    {
        var result = await _handler.ExecuteAsync(Context("""{"times": 2}""", attempt: 3), CancellationToken.None);

        Assert.Equal(3, result?.GetProperty("succeededOnAttempt").GetInt32());
    }

    [Fact]
    public async Task Without_times_every_attempt_fails()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => _handler.ExecuteAsync(Context("""{"message": "boom"}""", attempt: 50), CancellationToken.None));
    }

    [Fact]
    public async Task Permanent_failure_throws_the_permanent_exception_with_the_default_message()
    {
        var exception = await Assert.ThrowsAsync<PermanentJobFailureException>(
            () => _handler.ExecuteAsync(Context("""{"permanent": true}""", attempt: 1), CancellationToken.None));

        Assert.Equal(FailJobHandler.DefaultMessage, exception.Message);
    }

    static JobExecutionContext Context(string payload, int attempt) => new()
    {
        JobId = Guid.NewGuid(),
        RunId = Guid.NewGuid(),
        TenantId = "default",
        Handler = BuiltInHandlers.Fail,
        Attempt = attempt,
        Payload = JsonDocument.Parse(payload).RootElement.Clone(),
    };
}

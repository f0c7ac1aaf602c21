using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.UnitTests.Service.Scheduling.Delivery;

public sealed class DispatcherOptionsValidationTests
{
    readonly DispatcherOptionsValidation _validation = new();

    [Fact]
    public void Accepts_the_defaults() => Assert.True(_validation.Validate(null, new DispatcherOptions()).Succeeded);

    [Fact]
    public void Refuses_a_round_timeout_shorter_than_the_send_timeout_naming_the_setting()
    {
        var result = _validation.Validate(null, new DispatcherOptions { SendTimeout = TimeSpan.FromSeconds(10), RoundTimeout = TimeSpan.FromSeconds(5) });

        Assert.True(result.Failed);
        Assert.Contains("Scheduler:Dispatcher:RoundTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_unhealthy_threshold_that_is_not_past_the_degraded_one()
    {
        var result = _validation.Validate(null, new DispatcherOptions { DegradedAfter = TimeSpan.FromSeconds(30), UnhealthyAfter = TimeSpan.FromSeconds(30) });

        Assert.True(result.Failed);
        Assert.Contains("Scheduler:Dispatcher:UnhealthyAfter", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_send_timeout_of_zero()
    {
        var result = _validation.Validate(null, new DispatcherOptions { SendTimeout = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("Scheduler:Dispatcher:SendTimeout", result.FailureMessage, StringComparison.Ordinal);
    }
}

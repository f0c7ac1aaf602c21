using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

public sealed class RetryPlanTests
{
    [Fact]
    public void Defaults_to_three_attempts_doubling_from_one_second()
    {
        var plan = RetryPlan.For(null);

        Assert.Equal(3, plan.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), plan.DelayAfter(1, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(2), plan.DelayAfter(2, 0.5));
        Assert.True(plan.Retries(2, ErrorCategory.Transient));
        Assert.False(plan.Retries(3, ErrorCategory.Transient));
    }

    [Fact]
    public void Exponential_backoff_doubles_up_to_the_maximum()
    {
        var plan = RetryPlan.For(new RetryPolicy { MaxAttempts = 20, InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10) });

        Assert.Equal([1d, 2d, 4d, 8d, 10d, 10d], Enumerable.Range(1, 6).Select(a => plan.DelayAfter(a, 0).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(10), plan.DelayAfter(19, 0));
    }

    [Fact]
    public void Fixed_backoff_waits_the_initial_delay_every_time()
    {
        var plan = RetryPlan.For(new RetryPolicy { Backoff = BackoffKind.Fixed, InitialDelay = TimeSpan.FromSeconds(5) });

        Assert.Equal(TimeSpan.FromSeconds(5), plan.DelayAfter(1, 0));
        Assert.Equal(TimeSpan.FromSeconds(5), plan.DelayAfter(2, 0));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.25, 1000)]
    [InlineData(0.999, 3996)]
    public void Full_jitter_draws_the_delay_between_zero_and_the_backoff(double random, int expectedMilliseconds)
    {
        var plan = RetryPlan.For(new RetryPolicy { Jitter = true, InitialDelay = TimeSpan.FromSeconds(1) });

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), plan.DelayAfter(3, random));
    }

    [Theory]
    [InlineData(ErrorCategory.Transient, true)]
    [InlineData(ErrorCategory.Timeout, true)]
    [InlineData(ErrorCategory.Permanent, false)]
    public void Retries_every_error_but_a_permanent_one(ErrorCategory category, bool retried) =>
        Assert.Equal(retried, RetryPlan.For(null).Retries(1, category));

    [Fact]
    public void A_maximum_below_the_initial_delay_is_raised_to_it()
    {
        var plan = RetryPlan.For(new RetryPolicy { InitialDelay = TimeSpan.FromHours(2) });

        Assert.Equal(TimeSpan.FromHours(2), plan.MaxDelay);
        Assert.Equal(TimeSpan.FromHours(2), plan.DelayAfter(5, 0));
    }
}

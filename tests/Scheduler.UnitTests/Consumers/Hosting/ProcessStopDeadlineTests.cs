using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Consumers.Hosting;

namespace Scheduler.UnitTests.Consumers.Hosting;

public sealed class ProcessStopDeadlineTests
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    readonly FakeTimeProvider _clock = new();
    readonly ApplicationLifetime _lifetime = new(NullLogger<ApplicationLifetime>.Instance);
    int _ended;

    ProcessStopDeadline Arm() =>
        ProcessStopDeadline.Arm(_lifetime, Bound, _clock, NullLogger.Instance, () => Interlocked.Increment(ref _ended));

    [Fact]
    public void Ends_a_process_still_running_when_the_bound_has_passed_since_it_was_asked_to_stop()
    {
        using var deadline = Arm();
        _clock.Advance(TimeSpan.FromMinutes(5));
        _lifetime.StopApplication();

        _clock.Advance(Bound - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, _ended);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, _ended);
    }

    [Fact]
    public void Leaves_a_running_process_alone_however_long_it_runs()
    {
        using var deadline = Arm();

        _clock.Advance(TimeSpan.FromHours(3));

        Assert.Equal(0, _ended);
    }

    [Fact]
    public void Leaves_a_process_alone_once_it_has_finished_stopping()
    {
        var deadline = Arm();
        _lifetime.StopApplication();
        _clock.Advance(Bound / 2);

        deadline.Dispose();
        _clock.Advance(Bound);

        Assert.Equal(0, _ended);
    }
}

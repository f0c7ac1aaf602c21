using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Consumers.Hosting;

namespace Scheduler.UnitTests.Consumers.Hosting;

public sealed class DeadlineTests
{
    [Fact]
    public async Task Gives_up_on_work_that_never_ends_once_its_time_has_passed_on_the_clock()
    {
        var clock = new FakeTimeProvider();
        var never = new TaskCompletionSource();

        var waiting = never.Task.WithinAsync(TimeSpan.FromSeconds(5), clock, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(waiting.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<TimeoutException>(() => waiting);
    }

    [Fact]
    public async Task Returns_what_the_work_returns_when_it_ends_in_time()
    {
        var clock = new FakeTimeProvider();

        Assert.Equal(42, await Task.FromResult(42).WithinAsync(TimeSpan.FromSeconds(5), clock, CancellationToken.None));
    }

    [Fact]
    public async Task A_fault_of_work_given_up_on_is_observed_and_never_reaches_the_unobserved_task_handler()
    {
        var marker = $"late fault {Guid.NewGuid():N}";
        var unobserved = new List<Exception>();
        void Collect(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            if (e.Exception.Flatten().InnerExceptions.Any(x => x.Message == marker))
                lock (unobserved)
                    unobserved.Add(e.Exception);
        }

        TaskScheduler.UnobservedTaskException += Collect;
        try
        {
            await AbandonThenFaultAsync(new FakeTimeProvider(), marker);
            for (var i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= Collect;
        }

        Assert.Empty(unobserved);
    }

    /// <summary>Gives up on work past its deadline, then faults it; nothing outside holds the task afterwards.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    static async Task AbandonThenFaultAsync(FakeTimeProvider clock, string marker)
    {
        var work = new TaskCompletionSource();
        var waiting = work.Task.WithinAsync(TimeSpan.FromSeconds(1), clock, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<TimeoutException>(() => waiting);
        work.SetException(new InvalidOperationException(marker));
    }
}

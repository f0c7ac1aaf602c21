using System.Collections.Concurrent;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scheduler.Consumers.BuiltIn;
using Scheduler.Consumers.Execution;
using Scheduler.Consumers.Handlers;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;

namespace Scheduler.UnitTests.Consumers.Execution;

/// <summary>A run's end on the consumer: abandoned at its timeout, cancelled by the scheduler, not run twice.</summary>
public sealed class RunLifetimeTests
{
    /// <summary>Ignores its cancellation token: the handler the timeout must abandon.</summary>
    sealed class StubbornJobHandler : IJobHandler
    {
        public async Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None);
            return JsonDocument.Parse("""{"finished": "late"}""").RootElement.Clone();
        }
    }

    /// <summary>Counts its runs, to show a redelivered run does not run again.</summary>
    sealed class CountingJobHandler(RunCounter counter) : IJobHandler
    {
        public Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
        {
            counter.Count(context.RunId);
            return Task.FromResult<JsonElement?>(null);
        }
    }

    sealed class RunCounter
    {
        readonly ConcurrentDictionary<Guid, int> _runs = new();
        public void Count(Guid runId) => _runs.AddOrUpdate(runId, 1, (_, n) => n + 1);
        public int Of(Guid runId) => _runs.GetValueOrDefault(runId);
    }

    /// <summary>An outcome log kept in memory, standing in for the PostgreSQL one.</summary>
    sealed class RememberedRunOutcomes : IRunOutcomeLog
    {
        readonly ConcurrentDictionary<Guid, RunOutcome> _outcomes = new();
        public Task<RunOutcome?> FindAsync(Guid runId, CancellationToken cancellationToken) => Task.FromResult(_outcomes.GetValueOrDefault(runId));

        public Task RecordAsync(RunOutcome outcome, string handler, CancellationToken cancellationToken)
        {
            _outcomes.TryAdd(outcome.RunId, outcome);
            return Task.CompletedTask;
        }
    }

    /// <summary>Runs until the test opens its gate.</summary>
    sealed class GatedJobHandler(Gate gate, RunCounter counter) : IJobHandler
    {
        public async Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
        {
            counter.Count(context.RunId);
            gate.Entered.TrySetResult();
            await gate.Opened.Task.WaitAsync(cancellationToken);
            return null;
        }
    }

    sealed class Gate
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Opened { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Completes once the given number of deliveries of one run have reached its consumer.</summary>
    sealed class Deliveries(Guid runId, int expected) : IConsumeObserver
    {
        int _seen;

        public TaskCompletionSource Arrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task PreConsume<T>(ConsumeContext<T> context)
            where T : class
        {
            if (context.Message is ExecuteJob run && run.RunId == runId && Interlocked.Increment(ref _seen) == expected)
                Arrived.TrySetResult();
            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context)
            where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
            where T : class => Task.CompletedTask;
    }

    /// <summary>Stands in for a publisher confirm lost with its channel: the first outcome published never completes until released.</summary>
    sealed class LostOutcomeConfirm : IFilter<PublishContext>
    {
        readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int _toLose = 1;

        public async Task Send(PublishContext context, IPipe<PublishContext> next)
        {
            if (context is PublishContext<JobRunSucceeded> && Interlocked.Decrement(ref _toLose) >= 0)
            {
                await _released.Task;
                return;
            }

            await next.Send(context);
        }

        public void Probe(ProbeContext context)
        {
        }

        public void Release() => _released.TrySetResult();
    }

    [Fact]
    public async Task A_handler_that_ignores_its_token_is_abandoned_at_the_timeout_and_its_late_completion_reported()
    {
        await using var bus = await JobHandlerTestBus.StartAsync(x => x.AddJobHandler<StubbornJobHandler>("stubborn"));
        var run = JobHandlerTestBus.Run("stubborn", timeout: TimeSpan.FromMilliseconds(100));

        await bus.SendAsync(run);

        var failed = await bus.FailedAsync(run.RunId);
        Assert.NotNull(failed);
        Assert.Equal(ErrorCategory.Timeout, failed.Error.Category);

        var late = await bus.SucceededAsync(run.RunId);
        Assert.NotNull(late);
        Assert.True(late.CompletedAt > failed.CompletedAt, "the run ended when its handler did, not at its timeout");
        Assert.Equal("late", late.Result?.GetProperty("finished").GetString());
    }

    [Fact]
    public async Task A_run_finished_before_is_not_run_again_and_its_outcome_is_published_again()
    {
        var counter = new RunCounter();
        await using var bus = await JobHandlerTestBus.StartAsync(x =>
        {
            x.AddSingleton(counter);
            x.AddJobHandler<CountingJobHandler>("counting");
            x.Replace(ServiceDescriptor.Singleton<IRunOutcomeLog, RememberedRunOutcomes>());
        });
        var run = JobHandlerTestBus.Run("counting");

        await bus.SendAsync(run);
        Assert.NotNull(await bus.SucceededAsync(run.RunId));
        await bus.SendAsync(run);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (bus.PublishedSoFar<JobRunSucceeded>(run.RunId, m => m.RunId).Count() < 2 && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(2, bus.PublishedSoFar<JobRunSucceeded>(run.RunId, m => m.RunId).Count());
        Assert.Equal(1, counter.Of(run.RunId));
    }

    [Fact]
    public async Task A_run_the_scheduler_abandons_is_cancelled_on_the_host_running_it()
    {
        await using var bus = await JobHandlerTestBus.StartAsync();
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Sleep, """{"duration": "PT30S"}""");
        await bus.SendAsync(run);
        Assert.NotNull(await bus.PublishedAsync<JobRunStarted>(run.RunId, m => m.RunId));

        await bus.Harness.Bus.Publish(new JobRunAbandoned { JobId = run.JobId, RunId = run.RunId, Reason = "replaced" });
        Assert.True(await bus.Harness.Consumed.Any<JobRunAbandoned>(), "no consumer took the abandonment");

        var failed = await bus.FailedAsync(run.RunId);
        Assert.NotNull(failed);
        Assert.Equal(ErrorCategory.Permanent, failed.Error.Category);
        Assert.Contains("abandoned", failed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_of_a_run_in_hand_waits_for_it_to_end_and_then_publishes_its_outcome()
    {
        var gate = new Gate();
        var counter = new RunCounter();
        await using var bus = await JobHandlerTestBus.StartAsync(x =>
        {
            x.AddSingleton(gate);
            x.AddSingleton(counter);
            x.AddJobHandler<GatedJobHandler>("gated");
        });
        var run = JobHandlerTestBus.Run("gated");
        var deliveries = new Deliveries(run.RunId, expected: 2);
        using var observer = bus.Harness.Bus.ConnectConsumeObserver(deliveries);

        await bus.SendAsync(run);
        await gate.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await bus.SendAsync(run);
        await deliveries.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        gate.Opened.TrySetResult();

        // The copy may be all that is left of the run (its first delivery's channel closed under it), so it answers
        // with the outcome of the run in hand instead of being taken for done while that one has yet to report.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var consumed = 0;
        await foreach (var _ in bus.Harness.Consumed.SelectAsync<ExecuteJob>(m => m.Context.Message.RunId == run.RunId, deadline.Token))
        {
            if (++consumed == 2)
                break;
        }

        Assert.Equal(2, consumed);
        Assert.Equal(2, bus.PublishedSoFar<JobRunSucceeded>(run.RunId, m => m.RunId).Count());
        Assert.Equal(1, counter.Of(run.RunId));
    }

    [Fact]
    public async Task An_outcome_the_broker_never_confirms_is_given_up_at_the_publish_timeout_so_the_run_can_go_back_to_its_queue()
    {
        var lost = new LostOutcomeConfirm();
        await using var bus = await JobHandlerTestBus.StartAsync(
            // One event per outcome: RunReporterTests cover a batch of reports the broker never confirms.
            x => x.Configure<ConsumerHostOptions>(options =>
            {
                options.PublishTimeout = TimeSpan.FromMilliseconds(200);
                options.ReportInBatches = false;
            }),
            cfg => cfg.ConfigurePublish(publish => publish.UseFilter(lost)));
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Noop);
        try
        {
            await bus.SendAsync(run);

            var consumed = await bus.ConsumedAsync(run.RunId);
            Assert.NotNull(consumed);
            Assert.IsType<TimeoutException>(consumed.Exception);
            Assert.True(Outage.IsCauseOf(consumed.Exception), "the run returns to its queue instead of going to _error");
        }
        finally
        {
            lost.Release();
        }
    }
}

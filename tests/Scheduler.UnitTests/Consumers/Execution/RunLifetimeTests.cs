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
}

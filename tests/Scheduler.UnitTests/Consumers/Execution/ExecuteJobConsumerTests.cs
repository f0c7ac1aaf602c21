using System.Net.Sockets;
using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Scheduler.Consumers.BuiltIn;
using Scheduler.Consumers.Execution;
using Scheduler.Consumers.Handlers;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;

namespace Scheduler.UnitTests.Consumers.Execution;

public sealed class ExecuteJobConsumerTests
{
    [Fact]
    public async Task A_short_run_reports_its_start_with_its_outcome_only()
    {
        await using var bus = await JobHandlerTestBus.StartAsync();
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Noop, attempt: 3);

        await bus.SendAsync(run);

        var succeeded = await bus.SucceededAsync(run.RunId);
        Assert.NotNull(succeeded);
        Assert.Equal(3, succeeded.Attempt);
        Assert.True(succeeded.CompletedAt >= succeeded.StartedAt);
        Assert.Empty(bus.PublishedSoFar<JobRunStarted>(run.RunId, message => message.RunId));
    }

    [Fact]
    public async Task Publishes_started_and_succeeded_for_a_run_that_lasts()
    {
        await using var bus = await JobHandlerTestBus.StartAsync();
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Sleep, """{"duration": "PT0.3S"}""", attempt: 3);

        await bus.SendAsync(run);

        var succeeded = await bus.SucceededAsync(run.RunId);
        Assert.NotNull(succeeded);
        Assert.Equal(run.JobId, succeeded.JobId);
        Assert.Equal(3, succeeded.Attempt);
        Assert.True(succeeded.CompletedAt >= succeeded.StartedAt);
        Assert.True(succeeded.DurationMs >= 0);
        Assert.Equal(ConsumerHost.FromEnvironment().Name, succeeded.Host);

        var started = await bus.PublishedAsync<JobRunStarted>(run.RunId, message => message.RunId);
        Assert.NotNull(started);
        Assert.Equal(run.JobId, started.JobId);
        Assert.Equal(3, started.Attempt);
        Assert.Equal(succeeded.StartedAt, started.StartedAt);
        var consumed = await bus.ConsumedAsync(run.RunId);
        Assert.NotNull(consumed);
        Assert.Null(consumed.Exception);
    }

    [Fact]
    public async Task Sleep_handler_returns_how_long_it_slept()
    {
        await using var bus = await JobHandlerTestBus.StartAsync();
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Sleep, """{"duration": "PT0.01S"}""");

        await bus.SendAsync(run);

        var succeeded = await bus.SucceededAsync(run.RunId);
        Assert.NotNull(succeeded);
        Assert.Equal("PT0.01S", succeeded.Result?.GetProperty("slept").GetString());
    }

    [Fact]
    public async Task Fail_handler_fails_transiently_with_its_message_until_the_given_number_of_attempts()
    {
        await using var bus = await JobHandlerTestBus.StartAsync();
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Fail, """{"message": "boom", "times": 2}""", attempt: 2);

        await bus.SendAsync(run);

        var failed = await bus.FailedAsync(run.RunId);
        Assert.NotNull(failed);
        Assert.Equal(new RunError(ErrorCategory.Transient, "boom"), failed.Error);
        Assert.Equal(2, failed.Attempt);
        // A failing handler is a domain event: the message itself is consumed without a fault.
        var consumed = await bus.ConsumedAsync(run.RunId);
        Assert.NotNull(consumed);
        Assert.Null(consumed.Exception);
    }

    [Fact]
    public async Task Fail_handler_succeeds_after_the_given_number_of_attempts()
    {
        await using var bus = await JobHandlerTestBus.StartAsync();
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Fail, """{"message": "boom", "times": 2}""", attempt: 3);

        await bus.SendAsync(run);

        var succeeded = await bus.SucceededAsync(run.RunId);
        Assert.NotNull(succeeded);
        Assert.Equal(3, succeeded.Result?.GetProperty("succeededOnAttempt").GetInt32());
    }

    [Fact]
    public async Task Fail_handler_without_a_message_reports_the_default_message()
    {
        await using var bus = await JobHandlerTestBus.StartAsync();
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Fail);

        await bus.SendAsync(run);

        var failed = await bus.FailedAsync(run.RunId);
        Assert.NotNull(failed);
        Assert.Equal(new RunError(ErrorCategory.Transient, FailJobHandler.DefaultMessage), failed.Error);
    }

    [Fact]
    public async Task Permanent_failure_is_reported_as_permanent()
    {
        await using var bus = await JobHandlerTestBus.StartAsync();
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Fail, """{"message": "bad input", "permanent": true}""");

        await bus.SendAsync(run);

        var failed = await bus.FailedAsync(run.RunId);
        Assert.NotNull(failed);
        Assert.Equal(new RunError(ErrorCategory.Permanent, "bad input"), failed.Error);
    }

    [Fact]
    public async Task Payload_that_does_not_fit_the_handler_is_a_permanent_failure()
    {
        await using var bus = await JobHandlerTestBus.StartAsync();
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Sleep, """{"duration": "five seconds"}""");

        await bus.SendAsync(run);

        var failed = await bus.FailedAsync(run.RunId);
        Assert.NotNull(failed);
        Assert.Equal(ErrorCategory.Permanent, failed.Error.Category);
        Assert.Contains("'sleep'", failed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sleep_handler_ends_as_timeout_when_the_run_exceeds_its_timeout()
    {
        await using var bus = await JobHandlerTestBus.StartAsync();
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Sleep, """{"duration": "PT30S"}""", timeout: TimeSpan.FromMilliseconds(200));

        await bus.SendAsync(run);

        var failed = await bus.FailedAsync(run.RunId);
        Assert.NotNull(failed);
        Assert.Equal(new RunError(ErrorCategory.Timeout, "The run exceeded its timeout of PT0.2S"), failed.Error);
    }

    [Fact]
    public async Task Handler_that_cancels_itself_without_a_timeout_is_a_transient_failure()
    {
        await using var bus = await JobHandlerTestBus.StartAsync(x => x.AddJobHandler<SelfCancellingHandler>("self-cancelling"));
        var run = JobHandlerTestBus.Run("self-cancelling", timeout: TimeSpan.FromMinutes(1));

        await bus.SendAsync(run);

        var failed = await bus.FailedAsync(run.RunId);
        Assert.NotNull(failed);
        Assert.Equal(ErrorCategory.Transient, failed.Error.Category);
    }

    [Fact]
    public async Task Unknown_handler_is_reported_as_a_permanent_failure()
    {
        await using var bus = await JobHandlerTestBus.StartAsync();
        // Sent to a served queue but naming a handler this host lacks, as a misrouted message would.
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Noop) with { Handler = "missing" };
        var endpoint = await bus.Harness.Bus.GetSendEndpoint(HandlerEndpoint.Address(BuiltInHandlers.Noop));

        await endpoint.Send(run);

        var failed = await bus.FailedAsync(run.RunId);
        Assert.NotNull(failed);
        Assert.Equal(
            new RunError(ErrorCategory.Permanent, "No handler named 'missing' is registered on this consumer host"),
            failed.Error);
        Assert.Empty(bus.PublishedSoFar<JobRunStarted>(run.RunId, message => message.RunId));
    }

    [Fact]
    public async Task Non_positive_timeout_is_reported_as_a_permanent_failure_without_running()
    {
        await using var bus = await JobHandlerTestBus.StartAsync();
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Noop, timeout: TimeSpan.Zero);

        await bus.SendAsync(run);

        var failed = await bus.FailedAsync(run.RunId);
        Assert.NotNull(failed);
        Assert.Equal(ErrorCategory.Permanent, failed.Error.Category);
        Assert.Empty(bus.PublishedSoFar<JobRunStarted>(run.RunId, message => message.RunId));
    }

    [Fact]
    public async Task Each_handler_receives_runs_on_its_own_queue()
    {
        await using var bus = await JobHandlerTestBus.StartAsync();
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Noop);

        await bus.SendAsync(run);

        Assert.NotNull(await bus.SucceededAsync(run.RunId));
        var consumed = await bus.ConsumedAsync(run.RunId);
        Assert.NotNull(consumed);
        Assert.Equal(HandlerEndpoint.QueueName(BuiltInHandlers.Noop), consumed.Context.ReceiveContext.InputAddress.AbsolutePath.Trim('/'));
    }

    [Fact]
    public async Task A_run_runs_and_reports_its_outcome_when_the_outcome_log_is_unreachable()
    {
        var log = new UnreachableRunOutcomes();
        await using var bus = await JobHandlerTestBus.StartAsync(x => x.Replace(ServiceDescriptor.Singleton<IRunOutcomeLog>(log)));
        var run = JobHandlerTestBus.Run(BuiltInHandlers.Fail, """{"message": "boom"}""");

        await bus.SendAsync(run);

        var failed = await bus.FailedAsync(run.RunId);
        Assert.NotNull(failed);
        Assert.Equal("boom", failed.Error.Message);
        var consumed = await bus.ConsumedAsync(run.RunId);
        Assert.NotNull(consumed);
        Assert.Null(consumed.Exception);
        Assert.Equal((1, 1), (log.Lookups, log.Records));
    }

    [Fact]
    public async Task A_run_sent_again_while_the_outcome_log_is_unreachable_is_answered_from_memory_without_running_again()
    {
        var executions = new CountingHandler.Executions();
        await using var bus = await JobHandlerTestBus.StartAsync(x =>
        {
            x.Replace(ServiceDescriptor.Singleton<IRunOutcomeLog>(new UnreachableRunOutcomes()));
            x.AddSingleton(executions);
            x.AddJobHandler<CountingHandler>("counting");
        });
        var run = JobHandlerTestBus.Run("counting");

        await bus.SendAsync(run);
        Assert.NotNull(await bus.SucceededAsync(run.RunId));
        await bus.SendAsync(run);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var consumed = 0;
        await foreach (var _ in bus.Harness.Consumed.SelectAsync<ExecuteJob>(message => message.Context.Message.RunId == run.RunId, deadline.Token))
        {
            if (++consumed == 2)
                break;
        }

        Assert.Equal(2, consumed);
        Assert.Equal(1, executions.Count);
        Assert.Equal(2, bus.PublishedSoFar<JobRunSucceeded>(run.RunId, message => message.RunId).Count());
    }

    /// <summary>A handler that counts how often it ran.</summary>
    sealed class CountingHandler(CountingHandler.Executions executions) : IJobHandler
    {
        public Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken)
        {
            executions.Add();
            return Task.FromResult<JsonElement?>(null);
        }

        public sealed class Executions
        {
            int _count;

            public int Count => Volatile.Read(ref _count);

            public void Add() => Interlocked.Increment(ref _count);
        }
    }

    /// <summary>An outcome log whose database refuses connections.</summary>
    sealed class UnreachableRunOutcomes : IRunOutcomeLog
    {
        int _lookups;
        int _records;

        public int Lookups => _lookups;
        public int Records => _records;

        public Task<RunOutcome?> FindAsync(Guid runId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _lookups);
            throw Refused();
        }

        public Task RecordAsync(RunOutcome outcome, string handler, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _records);
            throw Refused();
        }

        static NpgsqlException Refused() => new("Failed to connect to 127.0.0.1:1", new SocketException((int)SocketError.ConnectionRefused));
    }

    sealed class SelfCancellingHandler : IJobHandler
    {
        public Task<JsonElement?> ExecuteAsync(JobExecutionContext context, CancellationToken cancellationToken) =>
            throw new OperationCanceledException("An HTTP call the handler made timed out.");
    }
}

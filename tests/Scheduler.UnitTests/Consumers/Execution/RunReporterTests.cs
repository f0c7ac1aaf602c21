using System.Collections.Concurrent;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Scheduler.Consumers.Execution;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;

namespace Scheduler.UnitTests.Consumers.Execution;

public sealed class RunReporterTests
{
    [Fact]
    public async Task Reports_made_together_go_out_in_one_message()
    {
        await using var provider = await StartBusAsync();
        await using var reporter = Reporter(provider, new CountingRunOutcomes(), batchSize: 100);
        var runs = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();

        await Task.WhenAll(runs.Select(runId => reporter.ReportAsync(Succeeded(runId), logged: null, CancellationToken.None)));

        var messages = Published(provider);
        var message = Assert.Single(messages);
        Assert.Equal(runs.Order(), message.Reports.Select(r => r.Succeeded!.RunId).Order());
    }

    [Fact]
    public async Task A_message_carries_at_most_the_batch_size()
    {
        await using var provider = await StartBusAsync();
        await using var reporter = Reporter(provider, new CountingRunOutcomes(), batchSize: 3);

        await Task.WhenAll(Enumerable.Range(0, 7).Select(_ => reporter.ReportAsync(Succeeded(Guid.NewGuid()), logged: null, CancellationToken.None)));

        var messages = Published(provider);
        Assert.All(messages, m => Assert.InRange(m.Reports.Count, 1, 3));
        Assert.Equal(7, messages.Sum(m => m.Reports.Count));
    }

    [Fact]
    public async Task The_outcomes_of_a_batch_are_logged_in_one_call_before_they_are_published()
    {
        await using var provider = await StartBusAsync();
        var log = new CountingRunOutcomes();
        await using var reporter = Reporter(provider, log, batchSize: 100);
        var outcomes = Enumerable.Range(0, 5).Select(_ => new RunOutcome { Succeeded = Succeeded(Guid.NewGuid()).Succeeded }).ToList();

        await Task.WhenAll(outcomes.Select(o =>
            reporter.ReportAsync(new JobRunReport { Succeeded = o.Succeeded }, new LoggedRunOutcome(o, "noop"), CancellationToken.None)));

        var call = Assert.Single(log.Calls);
        Assert.Equal(outcomes.Select(o => o.RunId).Order(), call.Select(c => c.Outcome.RunId).Order());
        Assert.NotEmpty(Published(provider));
    }

    [Fact]
    public async Task A_report_is_published_even_when_the_outcome_log_fails()
    {
        await using var provider = await StartBusAsync();
        await using var reporter = Reporter(provider, new CountingRunOutcomes { Fails = true }, batchSize: 100);
        var outcome = new RunOutcome { Succeeded = Succeeded(Guid.NewGuid()).Succeeded };

        await reporter.ReportAsync(new JobRunReport { Succeeded = outcome.Succeeded }, new LoggedRunOutcome(outcome, "noop"), CancellationToken.None);

        Assert.Equal(outcome.RunId, Assert.Single(Assert.Single(Published(provider)).Reports).Succeeded!.RunId);
    }

    [Fact]
    public async Task A_batch_the_broker_never_confirms_fails_its_reports_with_a_timeout_an_outage()
    {
        var held = new TaskCompletionSource();
        await using var provider = await StartBusAsync(cfg => cfg.ConfigurePublish(p => p.UseExecuteAsync(_ => held.Task)));
        var sends = new SendStall();
        await using var reporter = new RunReporter(provider.GetRequiredService<IBus>(), new CountingRunOutcomes(), new ConsumerHost("test-host"),
            TimeProvider.System, Options.Create(new ConsumerHostOptions { PublishTimeout = TimeSpan.FromMilliseconds(200) }), sends,
            NullLogger<RunReporter>.Instance);
        try
        {
            var failure = await Assert.ThrowsAsync<TimeoutException>(() => reporter.ReportAsync(Succeeded(Guid.NewGuid()), logged: null, CancellationToken.None));
            Assert.NotNull(sends.FailingSince);

            Assert.True(Outage.IsCauseOf(failure), "the run's message goes back to its queue");
        }
        finally
        {
            held.TrySetResult();
        }
    }

    static async Task<ServiceProvider> StartBusAsync(Action<IInMemoryBusFactoryConfigurator>? configure = null)
    {
        var provider = new ServiceCollection()
            .AddMassTransitTestHarness(x => x.UsingInMemory((context, cfg) =>
            {
                configure?.Invoke(cfg);
                cfg.ConfigureEndpoints(context);
            }))
            .BuildServiceProvider(validateScopes: true);
        await provider.GetRequiredService<ITestHarness>().Start();
        return provider;
    }

    // A flush delay long enough that reports made together always meet in one batch.
    static RunReporter Reporter(ServiceProvider provider, IRunOutcomeLog log, int batchSize) =>
        new(provider.GetRequiredService<IBus>(), log, new ConsumerHost("test-host"), TimeProvider.System,
            Options.Create(new ConsumerHostOptions { ReportBatchSize = batchSize, ReportFlushDelay = TimeSpan.FromMilliseconds(200) }),
            new SendStall(), NullLogger<RunReporter>.Instance);

    // ReportAsync returns once the broker took the message, so what it published is there without waiting.
    static List<JobRunsReported> Published(ServiceProvider provider) =>
        provider.GetRequiredService<ITestHarness>().Published.Select<JobRunsReported>(new CancellationToken(canceled: true))
            .Select(m => m.Context.Message).ToList();

    static JobRunReport Succeeded(Guid runId) => new()
    {
        Succeeded = new JobRunSucceeded { JobId = Guid.NewGuid(), RunId = runId, Attempt = 1, StartedAt = DateTimeOffset.UnixEpoch, CompletedAt = DateTimeOffset.UnixEpoch },
    };

    sealed class CountingRunOutcomes : IRunOutcomeLog
    {
        public bool Fails { get; init; }
        public ConcurrentQueue<IReadOnlyList<LoggedRunOutcome>> Calls { get; } = new();

        public Task<RunOutcome?> FindAsync(Guid runId, CancellationToken cancellationToken) => Task.FromResult<RunOutcome?>(null);

        public Task RecordAsync(RunOutcome outcome, string handler, CancellationToken cancellationToken) =>
            RecordAsync([new LoggedRunOutcome(outcome, handler)], cancellationToken);

        public Task RecordAsync(IReadOnlyList<LoggedRunOutcome> outcomes, CancellationToken cancellationToken)
        {
            if (Fails)
                throw new InvalidOperationException("The outcome log is down.");
            Calls.Enqueue(outcomes);
            return Task.CompletedTask;
        }
    }
}

using MassTransit;
using Scheduler.Consumers.Handlers;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;

namespace Scheduler.UnitTests.Consumers.Handlers;

public sealed class TypedJobHandlerTests
{
    public sealed record Invoice(string Customer, int Lines = 1);

    sealed class InvoiceHandler : IJobHandler<Invoice>
    {
        public async Task<object?> ExecuteAsync(Invoice payload, JobExecutionContext context, CancellationToken cancellationToken)
        {
            await context.ReportProgressAsync(25, $"{payload.Customer}: 1 of {payload.Lines}", cancellationToken);
            return new { payload.Customer, payload.Lines, context.Attempt };
        }
    }

    [Fact]
    public async Task A_typed_handler_gets_its_payload_reports_progress_and_returns_its_result()
    {
        await using var bus = await JobHandlerTestBus.StartAsync(x => x.AddJobHandler<InvoiceHandler>("billing.invoice"));
        var run = JobHandlerTestBus.Run("billing.invoice", """{"customer": "acme", "lines": 3}""", attempt: 2);

        await bus.SendAsync(run);

        var succeeded = await bus.SucceededAsync(run.RunId);
        Assert.NotNull(succeeded);
        Assert.Equal("acme", succeeded.Result?.GetProperty("customer").GetString());
        Assert.Equal(3, succeeded.Result?.GetProperty("lines").GetInt32());
        Assert.Equal(2, succeeded.Result?.GetProperty("attempt").GetInt32());
        var progress = Assert.Single(bus.PublishedSoFar<JobRunProgressed>(run.RunId, m => m.RunId));
        Assert.Equal(25, progress.Percent);
        Assert.Equal("acme: 1 of 3", progress.Message);
    }

    [Theory]
    [InlineData("""{"customer": 42}""")]
    [InlineData("""{"lines": 2}""")]
    [InlineData(null)]
    public async Task A_payload_that_does_not_fit_fails_the_run_as_permanent_without_calling_the_handler(string? payload)
    {
        await using var bus = await JobHandlerTestBus.StartAsync(x => x.AddJobHandler<InvoiceHandler>("billing.invoice"));
        var run = JobHandlerTestBus.Run("billing.invoice", payload);

        await bus.SendAsync(run);

        var failed = await bus.FailedAsync(run.RunId);
        Assert.NotNull(failed);
        Assert.Equal(ErrorCategory.Permanent, failed.Error.Category);
        Assert.Contains("billing.invoice", failed.Error.Message, StringComparison.Ordinal);
        Assert.Empty(bus.PublishedSoFar<JobRunProgressed>(run.RunId, m => m.RunId));
    }

    [Fact]
    public void A_class_that_is_no_handler_cannot_be_registered()
    {
        ArgumentException? refused = null;
        new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddMassTransit(x =>
            refused = Assert.Throws<ArgumentException>(() => x.AddJobHandler<TypedJobHandlerTests>("not-a-handler")));

        Assert.NotNull(refused);
        Assert.Contains(nameof(TypedJobHandlerTests), refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Progress_outside_zero_to_a_hundred_is_refused()
    {
        var context = new JobExecutionContext { TenantId = Tenants.Default, Handler = "x" };

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => context.ReportProgressAsync(101));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => context.ReportProgressAsync(-1));
    }
}

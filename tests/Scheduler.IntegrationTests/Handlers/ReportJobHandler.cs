using Scheduler.Consumers.Handlers;

namespace Scheduler.IntegrationTests.Handlers;

/// <summary>A typed handler as a team would write one: reads its payload, reports progress, returns a result.</summary>
public sealed class ReportJobHandler : IJobHandler<ReportRequest>
{
    public const string Name = "reports.build";

    public async Task<object?> ExecuteAsync(ReportRequest payload, JobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(context);
        await context.ReportProgressAsync(50, $"{payload.Rows / 2} of {payload.Rows} rows for {payload.Customer}", cancellationToken);
        return new { rows = payload.Rows, customer = payload.Customer, attempt = context.Attempt, tenant = context.TenantId };
    }
}

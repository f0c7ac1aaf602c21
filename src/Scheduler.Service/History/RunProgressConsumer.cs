using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.History;

/// <summary>
/// Keeps a run's latest progress report. Not through the job's saga: a report changes no state and is written with one
/// statement. Reports may arrive after the run's outcome (they travel on another queue); the newest report wins.
/// </summary>
public sealed class RunProgressConsumer(SchedulerDbContext db) : IConsumer<JobRunProgressed>
{
    public const string QueueName = "scheduler-run-progress";

    public async Task Consume(ConsumeContext<JobRunProgressed> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = context.Message;
        var message = report.Message is { Length: > 1000 } text ? text[..1000] : report.Message;
        await db.Runs
            .Where(r => r.Id == report.RunId && r.JobId == report.JobId && (r.ProgressAt == null || r.ProgressAt <= report.Timestamp))
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Progress, report.Percent)
                .SetProperty(r => r.ProgressMessage, message)
                .SetProperty(r => r.ProgressAt, report.Timestamp), context.CancellationToken);
    }
}

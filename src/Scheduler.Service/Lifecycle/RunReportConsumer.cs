using System.Data;
using System.Security.Cryptography;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Persistence;
using Scheduler.Service.Persistence.Sagas;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Records what consumer hosts report about their runs many at a time: the reports of a batch of
/// <see cref="JobRunsReported"/> are applied through <see cref="JobDecider"/> in the order they were delivered, in one
/// transaction that holds their jobs' rows (locked in id order, the lock the saga takes for a command too, so the two
/// never interleave on a job). A report about a job that no longer exists is dropped, as the saga drops it.
/// </summary>
public sealed class RunReportConsumer(SchedulerDbContext db, JobRowLock rowLock, JobTransition transition, DueMessageWriter dueMessages)
    : IConsumer<Batch<JobRunsReported>>
{
    public async Task Consume(ConsumeContext<Batch<JobRunsReported>> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.CancellationToken;
        var reports = context.Message
            .SelectMany(message => message.Message.Reports.Select((report, index) => (Context: message, Report: report, Seed: SeedOf(message, index))))
            .Where(x => InputOf(x.Report) is not null)
            .ToList();
        if (reports.Count == 0)
            return;

        var jobsAddress = new Uri(context.ReceiveContext.InputAddress, JobStateDefinition.QueueName);
        var decisions = new List<(ConsumeContext Context, JobDecision Decision)>(reports.Count);
        db.Database.AutoSavepointsEnabled = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken))
        {
            var jobs = await rowLock.LoadManyAsync(db, reports.Select(x => JobIdOf(x.Report)).ToList(), cancellationToken);

            // The runs reported on, read in one statement: each decision finds its run among them, as the one before it left it.
            var runIds = reports.Select(x => RunIdOf(x.Report)).Distinct().ToList();
            await db.Runs.Where(r => runIds.Contains(r.Id)).LoadAsync(cancellationToken);

            foreach (var (message, report, seed) in reports)
            {
                if (jobs.TryGetValue(JobIdOf(report), out var job))
                    decisions.Add((message, await transition.ApplyAsync(job, InputOf(report)!, seed, jobsAddress, cancellationToken)));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        dueMessages.NotifyCommitted();
        foreach (var (message, decision) in decisions)
            await JobMessages.SendAsync(message, decision);
    }

    static Guid JobIdOf(JobRunReport report) => report.Started?.JobId ?? report.Succeeded?.JobId ?? report.Failed!.JobId;

    static Guid RunIdOf(JobRunReport report) => report.Started?.RunId ?? report.Succeeded?.RunId ?? report.Failed!.RunId;

    static JobInput? InputOf(JobRunReport report) => report switch
    {
        { Started: { } started } => new JobInput.RunStarted(started),
        { Succeeded: { } succeeded } => new JobInput.RunSucceeded(succeeded),
        { Failed: { } failed } => new JobInput.RunFailed(failed),
        _ => null,
    };

    // Each report of a message decides on its own seed, the same at every delivery of the message.
    static Guid SeedOf(ConsumeContext message, int index)
    {
        Span<byte> input = stackalloc byte[20];
        JobTransition.SeedOf(message).TryWriteBytes(input);
        BitConverter.TryWriteBytes(input[16..], index);
        return new Guid(SHA256.HashData(input)[..16]);
    }
}

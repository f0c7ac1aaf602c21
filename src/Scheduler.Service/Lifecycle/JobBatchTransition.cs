using System.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Telemetry;
using Scheduler.Service.Persistence;
using Scheduler.Service.Persistence.Sagas;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Applies many inputs, each to its job, in one transaction: the jobs' rows locked in id order in one statement (the
/// lock the saga takes for a command too, so the two never interleave on a job), the runs the inputs name read in one,
/// each input decided by <see cref="JobDecider"/> (through <see cref="JobTransition"/>) in the order given, and one
/// set-based write (<see cref="ChangeSetWriter"/>). Replies and events leave once the transaction has committed. An input about a job that no longer exists is
/// dropped, as the saga drops it.
/// </summary>
public sealed class JobBatchTransition(SchedulerDbContext db, JobRowLock rowLock, JobTransition transition, DueMessageWriter dueMessages, ChangeSetWriter writer,
    SchedulerMetrics metrics)
{
    /// <param name="inputs">The inputs in the order they are to be decided.</param>
    /// <param name="dueAddress">Where the jobs' due messages come back (see <see cref="JobDueDefinition.AddressOn"/>).</param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    public async Task ApplyAsync(IReadOnlyList<JobBatchInput> inputs, Uri dueAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
            return;

        var decisions = new List<(ConsumeContext Context, JobDecision Decision)>(inputs.Count);
        db.Database.AutoSavepointsEnabled = false;
        await using (var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken))
        {
            var jobs = await rowLock.LoadManyAsync(db, inputs.Select(x => x.JobId).ToList(), cancellationToken);

            // The runs the inputs name, read in one statement: each decision finds its run among them, as the one before it left it.
            var runIds = inputs.Select(x => JobFactsReader.RunNamedBy(x.Input)).OfType<Guid>().Distinct().ToList();
            if (runIds.Count > 0)
                await db.Runs.Where(r => runIds.Contains(r.Id)).LoadAsync(cancellationToken);

            var decided = new HashSet<Guid>();
            foreach (var input in inputs)
            {
                if (!jobs.TryGetValue(input.JobId, out var job))
                    continue;

                // An input that may start an occurrence reads the job's unfinished runs from the store: what the
                // decisions before it in this batch did to its job is written first (in this transaction), so it finds them.
                if (!decided.Add(input.JobId) && JobFactsReader.MayStartOccurrence(input.Input))
                    await writer.SaveAsync(db, cancellationToken);
                decisions.Add((input.Context, await transition.ApplyAsync(job, input.Input, input.Seed, dueAddress, cancellationToken)));
            }

            await writer.SaveAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        dueMessages.NotifyCommitted();
        foreach (var (context, decision) in decisions)
            await JobMessages.SendAsync(context, decision, metrics);
    }
}

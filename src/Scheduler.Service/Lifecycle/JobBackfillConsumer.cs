using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.Service.Persistence;

namespace Scheduler.Service.Lifecycle;

/// <summary>
/// Backfills a job (<see cref="BackfillJob"/>): decided by <see cref="JobDecider"/> under the job's row lock, in one
/// transaction with the runs and ledger entries it opens (see <see cref="JobBatchTransition"/>), answered once committed.
/// </summary>
public sealed class JobBackfillConsumer(SchedulerDbContext db, JobBatchTransition batch) : IConsumer<BackfillJob>
{
    public async Task Consume(ConsumeContext<BackfillJob> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = context.Message;

        // The batch path drops an input about a job that does not exist, as the saga does an event; a command is answered.
        if (!await db.Jobs.AnyAsync(j => j.CorrelationId == command.JobId, context.CancellationToken))
        {
            await context.RespondAsync(new JobNotFound { JobId = command.JobId });
            return;
        }

        var input = new JobBatchInput(context, command.JobId, new JobInput.Backfill(command.From, command.To, JobActor.Of(context)),
            JobTransition.SeedOf(context));
        await batch.ApplyAsync([input], JobDueDefinition.AddressOn(context.ReceiveContext.InputAddress), context.CancellationToken);
    }
}

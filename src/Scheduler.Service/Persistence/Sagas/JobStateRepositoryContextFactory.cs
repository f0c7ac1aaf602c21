using System.Data;
using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Persistence.Sagas;

/// <summary>
/// MassTransit's saga repository for <see cref="JobState"/> on EF Core. Each message is handled in
/// one database transaction on the consume scope's <see cref="SchedulerDbContext"/>, so the job,
/// the runs and the audit entries that the state machine writes commit together.
/// Concurrency is pessimistic: the job's row is locked (<c>SELECT … FOR UPDATE</c>) for the length
/// of the transaction, so two events for one job are applied one after the other, each seeing the
/// other's result. Two first events for a new job race on the primary key; the loser's transaction
/// fails and the endpoint's retry policy replays it against the stored job.
/// </summary>
public sealed class JobStateRepositoryContextFactory(
    SchedulerDbContext db,
    ISagaConsumeContextFactory<SchedulerDbContext, JobState> consumeContextFactory,
    JobRowLock rowLock,
    DueMessageWriter dueMessages)
    : ISagaRepositoryContextFactory<JobState>, IQuerySagaRepositoryContextFactory<JobState>, ILoadSagaRepositoryContextFactory<JobState>
{
    public async Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<JobState, T>> next)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);

        await using var transaction = await BeginAsync(context.CancellationToken);
        var repositoryContext = new JobStateRepositoryContext<T>(db, context, consumeContextFactory, rowLock);

        await next.Send(repositoryContext);

        await transaction.CommitAsync(context.CancellationToken);
        dueMessages.NotifyCommitted();
    }

    public async Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<JobState> query, IPipe<SagaRepositoryQueryContext<JobState, T>> next)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(next);

        await using var transaction = await BeginAsync(context.CancellationToken);

        // Lock in id order, so two queries that match the same jobs cannot deadlock each other.
        var ids = await db.Jobs.AsNoTracking().Where(query.FilterExpression).Select(x => x.CorrelationId).OrderBy(x => x)
            .ToListAsync(context.CancellationToken);
        var instances = new List<JobState>(ids.Count);
        foreach (var id in ids)
        {
            var instance = await rowLock.LoadAsync(db, id, context.CancellationToken);
            if (instance is not null)
                instances.Add(instance);
        }

        var repositoryContext = new JobStateRepositoryContext<T>(db, context, consumeContextFactory, rowLock);
        await next.Send(new LoadedSagaRepositoryQueryContext<JobState, T>(repositoryContext, instances));

        await transaction.CommitAsync(context.CancellationToken);
        dueMessages.NotifyCommitted();
    }

    public Task<T> Execute<T>(Func<LoadSagaRepositoryContext<JobState>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(asyncMethod);
        return asyncMethod(new JobStateReadContext(db, cancellationToken));
    }

    public Task<T> Execute<T>(Func<QuerySagaRepositoryContext<JobState>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(asyncMethod);
        return asyncMethod(new JobStateReadContext(db, cancellationToken));
    }

    /// <remarks>
    /// Without EF Core's automatic savepoints: a failed save fails the whole message, which the endpoint's retry replays
    /// in a fresh transaction, so a savepoint before every save would be one more round trip for nothing.
    /// </remarks>
    Task<IDbContextTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        db.Database.AutoSavepointsEnabled = false;
        return db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
    }

    public void Probe(ProbeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Add("persistence", "entity-framework-core");
        context.Add("concurrency", "pessimistic");
    }
}

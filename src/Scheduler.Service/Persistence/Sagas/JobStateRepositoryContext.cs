using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Lifecycle;

namespace Scheduler.Service.Persistence.Sagas;

/// <summary>Loads, adds, updates and removes <see cref="JobState"/> rows inside the transaction its factory opened.</summary>
internal sealed class JobStateRepositoryContext<TMessage> : ConsumeContextScope<TMessage>, SagaRepositoryContext<JobState, TMessage>
    where TMessage : class
{
    readonly SchedulerDbContext _db;
    readonly ConsumeContext<TMessage> _consumeContext;
    readonly ISagaConsumeContextFactory<SchedulerDbContext, JobState> _factory;
    readonly JobRowLock _rowLock;

    public JobStateRepositoryContext(SchedulerDbContext db, ConsumeContext<TMessage> consumeContext,
        ISagaConsumeContextFactory<SchedulerDbContext, JobState> factory, JobRowLock rowLock)
        : base(consumeContext, db)
    {
        _db = db;
        _consumeContext = consumeContext;
        _factory = factory;
        _rowLock = rowLock;
    }

    public Task<SagaConsumeContext<JobState, TMessage>> Add(JobState instance) =>
        _factory.CreateSagaConsumeContext(_db, _consumeContext, instance, SagaConsumeContextMode.Add);

    public async Task<SagaConsumeContext<JobState, TMessage>> Insert(JobState instance)
    {
        // A failed statement aborts a PostgreSQL transaction: the savepoint keeps it usable for the caller's fallback load.
        const string BeforeInsert = "before_insert";
        var transaction = _db.Database.CurrentTransaction;
        if (transaction is not null)
            await transaction.CreateSavepointAsync(BeforeInsert, CancellationToken);

        var entry = _db.Jobs.Add(instance);
        try
        {
            await _db.SaveChangesAsync(CancellationToken);
        }
        catch (DbUpdateException)
        {
            // Already there: the caller falls back to loading it. Detach, so the failed insert is not retried on the next save.
            entry.State = EntityState.Detached;
            if (transaction is not null)
                await transaction.RollbackToSavepointAsync(BeforeInsert, CancellationToken);
            return null!;
        }

        return await _factory.CreateSagaConsumeContext(_db, _consumeContext, instance, SagaConsumeContextMode.Insert);
    }

    public async Task<SagaConsumeContext<JobState, TMessage>> Load(Guid correlationId)
    {
        var instance = await _rowLock.LoadAsync(_db, correlationId, CancellationToken);
        return instance is null
            ? null!
            : await _factory.CreateSagaConsumeContext(_db, _consumeContext, instance, SagaConsumeContextMode.Load);
    }

    public async Task Save(SagaConsumeContext<JobState> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _db.Jobs.Add(context.Saga);
        await _db.SaveChangesAsync(CancellationToken);
    }

    public Task Update(SagaConsumeContext<JobState> context) => _db.SaveChangesAsync(CancellationToken);

    public async Task Delete(SagaConsumeContext<JobState> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _db.Jobs.Remove(context.Saga);
        await _db.SaveChangesAsync(CancellationToken);
    }

    public Task Discard(SagaConsumeContext<JobState> context)
    {
        // Nothing of a discarded instance may reach the database, including runs or audit entries written for it.
        _db.ChangeTracker.Clear();
        return Task.CompletedTask;
    }

    public Task Undo(SagaConsumeContext<JobState> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var entry = _db.ChangeTracker.Entries<JobState>().FirstOrDefault(x => x.Entity.CorrelationId == context.Saga.CorrelationId);
        if (entry is not null)
            entry.State = EntityState.Unchanged;
        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<JobState, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> _consumeContext, JobState instance,
        SagaConsumeContextMode mode)
        where T : class =>
        _factory.CreateSagaConsumeContext(_db, _consumeContext, instance, mode);
}

using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Scheduler.Service.Lifecycle;

namespace Scheduler.Service.Persistence.Sagas;

/// <summary>Reads jobs without locking them, for MassTransit's load and query saga repositories (test harnesses, tools).</summary>
internal sealed class JobStateReadContext(SchedulerDbContext db, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), QuerySagaRepositoryContext<JobState>, LoadSagaRepositoryContext<JobState>
{
    public Task<JobState> Load(Guid correlationId) =>
        db.Jobs.AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == correlationId, CancellationToken)!;

    public async Task<SagaRepositoryQueryContext<JobState>> Query(ISagaQuery<JobState> query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ids = await db.Jobs.AsNoTracking().Where(query.FilterExpression).Select(x => x.CorrelationId).ToListAsync(cancellationToken);
        return new DefaultSagaRepositoryQueryContext<JobState>(this, ids);
    }
}

using MassTransit;
using MassTransit.Configuration;
using MassTransit.Saga;
using Scheduler.Service.Lifecycle;

namespace Scheduler.Service.Persistence.Sagas;

/// <summary>Registers <see cref="JobStateRepositoryContextFactory"/> as the saga repository of <see cref="JobState"/>.</summary>
public static class JobStateRepositoryRegistration
{
    public static void AddJobStateRepository(this ISagaRepositoryRegistrationConfigurator<JobState> configurator)
    {
        configurator.RegisterLoadSagaRepository<JobState, JobStateRepositoryContextFactory>();
        configurator.RegisterQuerySagaRepository<JobState, JobStateRepositoryContextFactory>();
        configurator.RegisterSagaRepository<JobState, SchedulerDbContext, SagaConsumeContextFactory<SchedulerDbContext, JobState>,
            JobStateRepositoryContextFactory>();
    }
}

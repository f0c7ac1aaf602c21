using Scheduler.Service.Persistence;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>A running scheduler service that API tests talk to, whatever it runs on.</summary>
public interface IApiDeployment
{
    HttpClient Api { get; }

    /// <summary>A context on the service's database, for assertions.</summary>
    SchedulerDbContext OpenDatabase();
}

namespace Scheduler.Service.Persistence;

/// <summary>
/// Whether the current scope serves an HTTP request, which decides the PostgreSQL pool its <see cref="SchedulerDbContext"/>
/// uses: requests get a small pool of their own, so that however many arrive at once they cannot take the connections
/// of the bus consumers and the dispatcher. Scoped: the request's scope is marked as the request enters the pipeline,
/// before anything resolves a context; the bus's consume scopes and the service's own scopes are never marked.
/// </summary>
public sealed class ApiRequestScope
{
    /// <summary>True in the scope of an HTTP request.</summary>
    public bool IsApiRequest { get; private set; }

    /// <summary>Marks the scope as an HTTP request's.</summary>
    public void Enter() => IsApiRequest = true;
}

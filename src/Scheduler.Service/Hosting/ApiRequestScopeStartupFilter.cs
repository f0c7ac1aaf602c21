using Scheduler.Service.Persistence;

namespace Scheduler.Service.Hosting;

/// <summary>
/// Marks every HTTP request's scope (<see cref="ApiRequestScope"/>) before the rest of the pipeline runs, so the request's
/// database work, authentication included, goes through the API pool. A startup filter, so that it comes first whatever
/// order <c>Program</c> puts its middleware in.
/// </summary>
public sealed class ApiRequestScopeStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.RequestServices.GetRequiredService<ApiRequestScope>().Enter();
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>The scheduler service hosted in-process, on its own database and virtual host.</summary>
public sealed class SchedulerServiceFactory(string postgres, string rabbitMq) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:postgres", postgres);
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitMq);
        builder.UseEnvironment("Testing");
    }
}

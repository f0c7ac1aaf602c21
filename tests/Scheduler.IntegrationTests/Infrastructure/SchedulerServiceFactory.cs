using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>The scheduler service hosted in-process, on its own database and virtual host (or embedded, on neither).</summary>
public sealed class SchedulerServiceFactory(string postgres, string rabbitMq, string? embeddedDatabasePath = null,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>The embedded default: no connection strings, an SQLite file at <paramref name="databasePath"/>.</summary>
    public static SchedulerServiceFactory Embedded(string databasePath) => new("", "", databasePath);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Set even when empty: an empty value overrides what test.sh put in the environment, which is how embedded is asked for.
        builder.UseSetting("ConnectionStrings:postgres", postgres);
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitMq);
        if (embeddedDatabasePath is not null)
            builder.UseSetting("Scheduler:Embedded:DatabasePath", embeddedDatabasePath);
        // The built-in retention job adds a recurring row to the due table, which tests that count rows would see;
        // the tests of retention turn it back on.
        builder.UseSetting("Scheduler:Retention:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        builder.UseEnvironment("Testing");
    }
}

using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>
/// The embedded service with an admin key, listening on a real port (Kestrel) so that a real browser can open its
/// dashboard, and a headless Chromium to drive it: Debian's <c>chromium</c> package (Playwright's own browser download
/// is not reachable everywhere), or the executable named by <c>SCHEDULER_CHROMIUM</c>.
/// </summary>
public sealed class DashboardDeployment : IAsyncLifetime
{
    public const string AdminKey = "dashboard-admin-key-7c1e";

    readonly string _postgres;
    readonly string _rabbitMq;
    readonly string? _databasePath;
    IPlaywright? _playwright;

    /// <summary>The embedded deployment (SQLite, in-memory bus), for the collection of browser tests.</summary>
    public DashboardDeployment()
        : this("", "", Path.Combine(Path.GetTempPath(), $"scheduler-dashboard-{Guid.NewGuid():N}.db"))
    {
    }

    DashboardDeployment(string postgres, string rabbitMq, string? databasePath)
    {
        _postgres = postgres;
        _rabbitMq = rabbitMq;
        _databasePath = databasePath;
    }

    /// <summary>The production deployment on a test's own PostgreSQL database and RabbitMQ virtual host (see <see cref="IsolatedDeployment"/>).</summary>
    public static async Task<DashboardDeployment> StartAsync(string postgres, string rabbitMq)
    {
        var deployment = new DashboardDeployment(postgres, rabbitMq, null);
        await deployment.InitializeAsync();
        return deployment;
    }

    public SchedulerServiceFactory Service { get; private set; } = null!;

    /// <summary>Where the service listens, such as <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The REST API with the admin key.</summary>
    public HttpClient Api { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Service = new SchedulerServiceFactory(_postgres, _rabbitMq, _databasePath, new Dictionary<string, string> { ["SCHEDULER_ADMIN_API_KEY"] = AdminKey });
        Service.UseKestrel(0);
        Service.StartServer();
        var address = Service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        Api = Client(AdminKey);
        using (var probe = new HttpClient { BaseAddress = BaseAddress })
            await Eventually.Until(async () => (await probe.GetAsync("/health/ready")).IsSuccessStatusCode, ready => ready, "the service to be ready");

        _playwright = await Playwright.CreateAsync();
        Assertions.SetDefaultExpectTimeout(15_000);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SCHEDULER_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Args = ["--no-sandbox"],
            Headless = true,
        });
    }

    /// <summary>A client of the REST API on the real port, with the given key.</summary>
    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A fresh browser context (its own cookies) on the service.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        // Bounds for a machine busy with the rest of the suite; each wait still ends as soon as its condition holds.
        context.SetDefaultTimeout(30_000);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        Api?.Dispose();
        if (Service is not null)
            await Service.DisposeAsync();
        if (_databasePath is null)
            return;
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
            File.Delete(file);
    }
}

using Scheduler.Consumers.Hosting;
using Scheduler.Service.Api;
using Scheduler.Service.Dashboard;
using Scheduler.Service.Health;
using Scheduler.Service.Hosting;
using Scheduler.Service.Telemetry;
using Scheduler.Service.Tenancy;

// Configuration ships beside the executable; the embedded database goes in the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddSchedulerService(builder.Configuration);
builder.Services.AddDashboard();

var app = builder.Build();

// First in the log: which parts run for real, and where the data lives.
var mode = app.Services.GetRequiredService<DeploymentMode>();
if (app.Logger.IsEnabled(LogLevel.Information))
    app.Logger.LogInformation("Scheduler starting in {Mode}", mode.Describe());
if (string.IsNullOrEmpty(app.Configuration[ApiKeyAuthentication.AdminKeySetting]))
    app.Logger.LogWarning("{Setting} is not set: the API is open, and a request without a key acts as the admin of tenant 'default'. Set it before exposing the service.",
        ApiKeyAuthentication.AdminKeySetting);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSchedulerMetrics();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapOpenApi();
app.MapServiceApi();
app.MapHealthEndpoints();
app.MapApi(api =>
{
    api.MapJobsApi();
    api.MapJobKeysApi();
    api.MapJobHoldsApi();
    api.MapJobFollowUpsApi();
    api.MapInitApi();
    api.MapJobBatchApi();
    api.MapRunsApi();
    api.MapApiKeysApi();
    api.MapAuditApi();
    api.MapStatsApi();
    api.MapHandlersApi();
    api.MapSchedulerApi();
    api.MapSchedulesApi();
    api.MapCalendarsApi();
    api.MapOccurrencesApi();
    api.MapBackfillApi();
});
app.MapDashboard();

// Resolved first: the host disposes its services when it has run.
var stall = app.Services.GetService<BusStallReport>();
// A stop that hangs on the broker's client (see ProcessStopDeadline) still ends: armed here, never in a test host.
var shutdown = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HostOptions>>().Value.ShutdownTimeout;
using var deadline = ProcessStopDeadline.Arm(app.Lifetime, shutdown + DrainTimeRegistration.ProcessExitMargin, TimeProvider.System, app.Logger,
    ProcessStopDeadline.EndThisProcess);
await app.RunAsync();

// A stalled bus stopped the service (see BusStallGuard): exit so that its orchestrator starts it again.
return stall?.ExitCode ?? 0;

/// <summary>The service's entry point, public so that in-process API tests can host it.</summary>
public partial class Program;

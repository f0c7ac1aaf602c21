using Scheduler.Service.Api;
using Scheduler.Service.Health;
using Scheduler.Service.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSchedulerService(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapOpenApi();
app.MapHealthEndpoints();
app.MapJobsApi();
app.MapSchedulerApi();
app.MapSchedulesApi();

await app.RunAsync();

/// <summary>The service's entry point, public so that in-process API tests can host it.</summary>
public partial class Program;

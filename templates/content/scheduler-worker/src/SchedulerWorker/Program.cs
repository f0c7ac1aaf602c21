using Scheduler.Consumers.Hosting;
using SchedulerWorker.Handlers;

// Serves the handlers below from RabbitMQ (ConnectionStrings:rabbitmq). With ConnectionStrings:postgres set, the host also
// remembers finished runs, so that a message delivered twice does not run its handler twice.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddJobHandlers(builder.Configuration, bus =>
{
    bus.AddJobHandler<GreetingHandler>(GreetingHandler.HandlerName);
});

await builder.Build().RunAsync();

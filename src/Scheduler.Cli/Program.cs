using Scheduler.Cli.Hosting;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await SchedulerCommandLine.RunAsync(args, CliEnvironment.FromProcess(), cancel.Token);

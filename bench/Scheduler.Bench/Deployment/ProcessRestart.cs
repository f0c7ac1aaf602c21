namespace Scheduler.Bench.Deployment;

/// <summary>A process of the deployment that exited by itself and was started again, as an orchestrator's restart policy does.</summary>
public sealed record ProcessRestart(string Process, DateTimeOffset At, int? ExitCode);

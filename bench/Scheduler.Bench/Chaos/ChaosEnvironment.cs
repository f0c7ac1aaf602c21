using Scheduler.Bench.Chaos.Instances;
using Scheduler.Bench.Deployment;

namespace Scheduler.Bench.Chaos;

/// <summary>What the cases run on: the settings (pointing at the suite's own broker and database) and those two, to restart.</summary>
public sealed record ChaosEnvironment(BenchSettings Settings, IOwnedService Broker, IOwnedService Database);

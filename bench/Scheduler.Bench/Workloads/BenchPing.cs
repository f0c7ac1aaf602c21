namespace Scheduler.Bench.Workloads;

/// <summary>The empty message of the bus baseline.</summary>
public sealed record BenchPing
{
    public int Sequence { get; init; }
}

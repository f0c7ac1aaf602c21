using System.Collections.Concurrent;

namespace Scheduler.Consumers.Execution;

/// <summary>
/// The outcomes of the runs this host finished last, in memory and bounded (the oldest are forgotten first). It answers a
/// redelivered run while the outcome log cannot — its database restarting is the usual reason: the dispatcher sends
/// again the runs of a round whose commit the restart lost, and this host ran them moments ago. The outcome log still
/// answers across a crash of the host; this answers while the log's database is away.
/// </summary>
public sealed class RecentRunOutcomes
{
    /// <summary>How many outcomes are kept: far more than one dispatch round sends again.</summary>
    public const int DefaultCapacity = 20_000;

    readonly ConcurrentDictionary<Guid, RunOutcome> _outcomes = new();
    readonly ConcurrentQueue<Guid> _order = new();
    readonly int _capacity;

    public RecentRunOutcomes()
        : this(DefaultCapacity)
    {
    }

    public RecentRunOutcomes(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>The outcome of <paramref name="runId"/> if this host finished it lately; else null.</summary>
    public RunOutcome? Find(Guid runId) => _outcomes.TryGetValue(runId, out var outcome) ? outcome : null;

    /// <summary>Keeps <paramref name="outcome"/>, forgetting the oldest beyond the capacity.</summary>
    public void Remember(RunOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (!_outcomes.TryAdd(outcome.RunId, outcome))
            return;

        _order.Enqueue(outcome.RunId);
        while (_outcomes.Count > _capacity && _order.TryDequeue(out var oldest))
            _outcomes.TryRemove(oldest, out _);
    }
}

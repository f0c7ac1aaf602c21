using Scheduler.Contracts;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// A job taken through inputs one after another, as the saga would take it: each decision's job is the next one's,
/// and the runs it stores are what the next decision's facts are read from, as <see cref="JobFactsReader"/> reads them.
/// Each step has a seed of its own, as each message has its own id.
/// </summary>
public sealed class DecisionChain(JobState? job = null)
{
    readonly Dictionary<Guid, JobRun> _runs = [];
    int _step;

    public JobState? Job { get; private set; } = job?.Copy();

    /// <summary>The runs stored so far, as the store has them.</summary>
    public IReadOnlyCollection<JobRun> Runs => _runs.Values;

    public JobRun Run(Guid id) => _runs[id].Copy();

    /// <summary>A run the store holds from before the chain began.</summary>
    public DecisionChain Holding(JobRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _runs[run.Id] = run.Copy();
        return this;
    }

    /// <summary>Decides <paramref name="input"/> at <paramref name="at"/>.</summary>
    public JobDecision Then(JobInput input, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(input);
        var decision = JobDecider.Decide(Job, input, Facts(input), new DecisionGrounds(at, Seed(++_step)));
        foreach (var run in JobRuns.Saved(decision))
            _runs[run.Id] = run.Copy();
        Job = decision.Status is null ? null : decision.Job;
        return decision;
    }

    JobFacts Facts(JobInput input)
    {
        if (Job is null)
            return JobFacts.None;

        var run = JobFactsReader.RunNamedBy(input) is { } id && _runs.TryGetValue(id, out var named) ? named.Copy() : null;
        var replayed = run?.ReplayOf is { } deadLetter && _runs.TryGetValue(deadLetter, out var dead) ? dead.Attempt : 0;
        var unfinished = Job.Concurrency?.Overlap == OverlapMode.Replace && JobFactsReader.MayStartOccurrence(input)
            ? _runs.Values.Where(r => !r.IsFinished).OrderBy(r => r.CreatedAt).Select(r => r.Copy()).ToList()
            : [];
        // An armed run is taken to wait in the due table still: the chain has no dispatcher.
        var armedWaiting = Job is { ArmedRunId: not null, DueTokenId: not null } && JobFactsReader.MayStopSchedule(input);
        return new JobFacts { Run = run, ReplayedAttempts = replayed, UnfinishedRuns = unfinished, ArmedRunWaiting = armedWaiting };
    }

    static Guid Seed(int step)
    {
        var bytes = JobStates.Seed.ToByteArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(12), step);
        return new Guid(bytes);
    }
}

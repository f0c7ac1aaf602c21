namespace Scheduler.Bench.Consumer;

/// <summary>
/// What the handlers did, from an <see cref="ExecutionJournal"/> cut in two at a fault (the journal's length when it
/// happened): the runs done twice and the occurrences done by two runs, as the handlers saw them.
/// </summary>
public sealed class JournalReading
{
    JournalReading(IReadOnlyList<JournalEntry> before, IReadOnlyList<JournalEntry> after)
    {
        var endedBefore = before.Where(e => e.Kind == ExecutionJournal.Ended).Select(e => e.RunId).ToHashSet();
        var inFlight = before.Where(e => e.Kind == ExecutionJournal.Started).Select(e => e.RunId).Where(id => !endedBefore.Contains(id)).ToHashSet();
        var startedAfter = after.Where(e => e.Kind == ExecutionJournal.Started).Select(e => e.RunId).ToHashSet();

        // A run whose handler had ended once and then started again, in whichever process.
        var ended = new HashSet<Guid>();
        var completedThenRunAgain = new HashSet<Guid>();
        foreach (var entry in before.Concat(after))
        {
            if (entry.Kind == ExecutionJournal.Ended)
                ended.Add(entry.RunId);
            else if (ended.Contains(entry.RunId))
                completedThenRunAgain.Add(entry.RunId);
        }

        Executions = before.Concat(after).Count(e => e.Kind == ExecutionJournal.Started);
        EndedBeforeCut = endedBefore.Count;
        InFlightAtCut = inFlight.Count;
        ReExecuted = inFlight.Count(startedAfter.Contains);
        RunsCompletedThenRunAgain = completedThenRunAgain;
        OccurrencesDoneByTwoRuns = before.Concat(after)
            .Where(e => e.Kind == ExecutionJournal.Ended)
            .GroupBy(e => new Occurrence(e.JobId, e.ScheduledFor))
            .Where(g => g.Select(e => e.RunId).Distinct().Count() > 1)
            .Select(g => g.Key)
            .ToHashSet();
    }

    /// <summary>Handler starts, in every process.</summary>
    public int Executions { get; }

    /// <summary>Runs whose handler had ended before the cut.</summary>
    public int EndedBeforeCut { get; }

    /// <summary>Runs whose handler had started and not ended at the cut.</summary>
    public int InFlightAtCut { get; }

    /// <summary>Runs in flight at the cut whose handler started again after it.</summary>
    public int ReExecuted { get; }

    /// <summary>Runs whose handler ended, then started again: work done twice for one run.</summary>
    public IReadOnlySet<Guid> RunsCompletedThenRunAgain { get; }

    /// <summary>Occurrences whose handler ended under more than one run: an occurrence fired twice.</summary>
    public IReadOnlySet<Occurrence> OccurrencesDoneByTwoRuns { get; }

    /// <summary>Reads the journal at <paramref name="path"/>, cut at <paramref name="cut"/> bytes.</summary>
    public static JournalReading Read(string path, long cut)
    {
        var before = ExecutionJournal.Read(path, cut);
        var after = ExecutionJournal.Read(path).Skip(before.Count).ToList();
        return new JournalReading(before, after);
    }
}

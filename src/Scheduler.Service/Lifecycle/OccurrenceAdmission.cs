namespace Scheduler.Service.Lifecycle;

/// <summary>What became of an occurrence offered to a job under its concurrency policy.</summary>
public enum OccurrenceAdmission
{
    /// <summary>A run was opened and sent.</summary>
    Started,

    /// <summary>It waits for a free slot.</summary>
    Queued,

    /// <summary>It was dropped, recorded as a skipped run.</summary>
    Skipped,
}

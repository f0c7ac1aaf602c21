namespace Scheduler.Service.Ledger;

/// <summary>What became of one due instant of a job; stored and shown by its camelCase name (<c>excluded</c>).</summary>
public enum OccurrenceFate
{
    /// <summary>A run was opened and sent for it (its run id is kept).</summary>
    Ran,

    /// <summary>The job was at its limit: it waits for a free slot (overlap <c>queue</c>, or a catch-up); a later entry says when it ran.</summary>
    Queued,

    /// <summary>The job was at its limit and the overlap rule dropped it.</summary>
    Skipped,

    /// <summary>The schedule's calendar excluded it.</summary>
    Excluded,

    /// <summary>It came later than the grace time and the misfire policy (<c>skip</c>, <c>catchUp</c>) did not run it.</summary>
    Misfired,

    /// <summary>It came later than the grace time together with others, and misfire <c>fireNow</c> ran them once, as the latest.</summary>
    Coalesced,

    /// <summary>It fell while the job was paused.</summary>
    Paused,

    /// <summary>It fell while the job was disabled: switched off, it owes nothing for it.</summary>
    Disabled,
}

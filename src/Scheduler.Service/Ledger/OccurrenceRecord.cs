namespace Scheduler.Service.Ledger;

/// <summary>One entry of a job's occurrence ledger: a due instant and what became of it. Entries are only added.</summary>
public sealed class OccurrenceRecord
{
    public Guid Id { get; set; }

    public Guid JobId { get; set; }

    public string TenantId { get; set; } = "";

    /// <summary>The instant the occurrence was due.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>The fate's wire name (see <see cref="OccurrenceFate"/>).</summary>
    public string Fate { get; set; } = "";

    /// <summary>The run opened for it, when one was.</summary>
    public Guid? RunId { get; set; }

    /// <summary>Why, in words: the exclusion, the misfire policy's note, the overlap rule.</summary>
    public string? Detail { get; set; }

    /// <summary>True for an occurrence a backfill asked for.</summary>
    public bool Backfill { get; set; }

    /// <summary>When the fate was decided.</summary>
    public DateTimeOffset RecordedAt { get; set; }
}

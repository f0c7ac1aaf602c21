using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.UnitTests.Service.Lifecycle.Differential;

/// <summary>
/// The rows some jobs left, one text per row, to compare two stores: the jobs and their runs with every column, the
/// audit trail in the order written (its autoincrement id left out), and the due messages about them. Instants are
/// written at the precision SQLite keeps them (100 µs, EF Core's binary form), so that a model in memory compares too.
/// </summary>
public sealed record JobRows(IReadOnlyList<string> Jobs, IReadOnlyList<string> Runs, IReadOnlyList<string> Audit, IReadOnlyList<string> Due)
{
    static readonly JsonSerializerOptions Stored = new() { Converters = { new StoredInstant() } };

    public static async Task<JobRows> ReadAsync(SchedulerDbContext db, IReadOnlyCollection<Guid> jobIds)
    {
        ArgumentNullException.ThrowIfNull(db);
        var jobs = await db.Jobs.AsNoTracking().Where(j => jobIds.Contains(j.CorrelationId)).OrderBy(j => j.CorrelationId).ToListAsync();
        var runs = await db.Runs.AsNoTracking().Where(r => jobIds.Contains(r.JobId)).OrderBy(r => r.JobId).ThenBy(r => r.Id).ToListAsync();
        var audit = await db.Audit.AsNoTracking().Where(a => jobIds.Contains(a.JobId)).OrderBy(a => a.Id).ToListAsync();
        var due = new List<DueMessage>();
        foreach (var jobId in jobIds)
        {
            var (text, scheduleId) = (jobId.ToString("D"), jobId.ToString("N"));
            due.AddRange(await db.DueMessages.AsNoTracking().Where(d => d.ScheduleId == scheduleId || d.Body.Contains(text)).ToListAsync());
        }

        return Of(jobs, runs, audit, due);
    }

    /// <summary>The rows of these jobs, runs (each ordered by id), audit entries (in the order written) and due messages.</summary>
    public static JobRows Of(IEnumerable<JobState> jobs, IEnumerable<JobRun> runs, IEnumerable<AuditEntry> audit, IEnumerable<DueMessage> due) => new(
        [.. jobs.Select(j => JsonSerializer.Serialize(j, Stored))],
        [.. runs.Select(r => JsonSerializer.Serialize(r, Stored))],
        [.. audit.Select(a => JsonSerializer.Serialize(new { a.JobId, a.TenantId, a.At, a.Event, a.Actor, a.FromStatus, a.ToStatus, a.RunId, a.Detail }, Stored))],
        [.. due.Select(Describe).Order(StringComparer.Ordinal)]);

    /// <summary>The first difference from <paramref name="other"/>, or null when the rows are the same.</summary>
    public string? DifferenceFrom(JobRows other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Difference("jobs", Jobs, other.Jobs) ?? Difference("runs", Runs, other.Runs) ?? Difference("audit", Audit, other.Audit)
            ?? Difference("due_messages", Due, other.Due);
    }

    static string? Difference(string table, IReadOnlyList<string> mine, IReadOnlyList<string> theirs)
    {
        for (var i = 0; i < Math.Max(mine.Count, theirs.Count); i++)
        {
            var (a, b) = (i < mine.Count ? mine[i] : "(none)", i < theirs.Count ? theirs[i] : "(none)");
            if (a != b)
                return $"{table} row {i} of {mine.Count} vs {theirs.Count}, from character {FirstDifference(a, b)}:\n  {a}\n  {b}";
        }

        return null;
    }

    static int FirstDifference(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
            i++;
        return i;
    }

    // The scheduling token is the decision's seeded id for a job's one-shot and its runs; a retry's and a recurring
    // schedule's row are keyed by a fresh id of the due table's, so those are compared without it. The envelope's own
    // message id and send time are the writer's, not the decision's.
    static string Describe(DueMessage row)
    {
        var seeded = !row.IsRecurring && !row.MessageType.Contains(nameof(JobRetryDue), StringComparison.Ordinal);
        var token = row.Id.ToString("D");
        var body = JsonNode.Parse(row.Body)!.AsObject();
        return JsonSerializer.Serialize(new
        {
            Id = seeded ? token : "(due table's)",
            row.ScheduleId, row.ScheduleGroup, row.DueAt, row.OccurrenceAt, row.Destination, row.MessageType, row.ContentType,
            Message = body["message"]?.ToJsonString(),
            Headers = row.Headers?.Replace(token, "(token)", StringComparison.Ordinal),
            row.Expression, row.TimeZoneId, row.StartAt, row.EndAt, row.Jitter, row.SkipMissed, row.Paused, row.CreatedAt, row.LastSentAt, row.SentCount,
        }, Stored);
    }

    sealed class StoredInstant : JsonConverter<DateTimeOffset>
    {
        const long Precision = 1000;

        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Rows are written to compare, never read back.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.AddTicks(-(value.UtcTicks % Precision)));
    }
}

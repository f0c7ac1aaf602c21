using System.Globalization;
using Scheduler.Consumers.Handlers;

namespace Scheduler.Bench.Consumer;

/// <summary>
/// One line per handler start and end, written straight to the file (no buffer in the process), so a SIGKILL loses
/// nothing that was written: what W5 reads to tell which runs a killed host had finished and which it ran again.
/// </summary>
public sealed class ExecutionJournal : IDisposable
{
    public const string Started = "start";
    public const string Ended = "end";

    readonly FileStream _file;
    readonly Lock _gate = new();

    public ExecutionJournal(string path) =>
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);

    public void Write(string kind, JobExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var line = System.Text.Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{kind} {context.RunId:N} {context.Attempt} {context.JobId:N} {context.ScheduledFor.UtcTicks}\n"));
        lock (_gate)
            _file.Write(line);
    }

    public void Dispose() => _file.Dispose();

    /// <summary>The entries in a journal, from its start up to <paramref name="length"/> bytes (all when null).</summary>
    public static IReadOnlyList<JournalEntry> Read(string path, long? length = null)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new byte[length ?? file.Length];
        file.ReadExactly(bytes);
        return System.Text.Encoding.ASCII.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 5)
            .Select(parts => new JournalEntry(parts[0], Guid.ParseExact(parts[1], "N"), int.Parse(parts[2], CultureInfo.InvariantCulture),
                Guid.ParseExact(parts[3], "N"), new DateTimeOffset(long.Parse(parts[4], CultureInfo.InvariantCulture), TimeSpan.Zero)))
            .ToList();
    }
}

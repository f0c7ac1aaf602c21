using System.Globalization;

namespace Scheduler.Bench.Usage;

/// <summary>
/// The fields of <c>/proc/&lt;pid&gt;/stat</c> the bench reads: the parent, the CPU time the process used
/// (<see cref="Used"/>) and that of its children it has reaped (<see cref="ReapedChildren"/>), and when it started,
/// which tells a restarted server from the one measured.
/// </summary>
public sealed record ProcStat(int Pid, int ParentPid, TimeSpan Used, TimeSpan ReapedChildren, long StartTicks)
{
    // /proc counts in USER_HZ, which Linux fixes at 100 for user space whatever the kernel's own tick.
    const double TicksPerSecond = 100;

    /// <summary>The process's line, or null when it is gone (or this is no Linux).</summary>
    public static ProcStat? Read(int pid)
    {
        try
        {
            return Parse(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Every process this machine shows.</summary>
    public static IReadOnlyList<ProcStat> All()
    {
        if (!Directory.Exists("/proc"))
            return [];
        return Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Select(name => int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? Read(pid) : null)
            .OfType<ProcStat>()
            .ToList();
    }

    /// <summary>Reads one line: <c>pid (comm) state ppid …</c>, where comm may hold spaces and parentheses.</summary>
    static ProcStat Parse(string line)
    {
        var close = line.LastIndexOf(')');
        if (close < 0)
            throw new FormatException("No command name in a /proc stat line.");
        var pid = int.Parse(line.AsSpan(0, line.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        // Fields from the state (the 3rd) on: ppid is the 4th, utime to cstime the 14th to 17th, starttime the 22nd.
        var fields = line[(close + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return new ProcStat(pid, (int)Field(4), Seconds(Field(14) + Field(15)), Seconds(Field(16) + Field(17)), Field(22));
    }

    static TimeSpan Seconds(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);
}

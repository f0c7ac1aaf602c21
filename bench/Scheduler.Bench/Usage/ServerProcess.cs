using System.Globalization;
using System.Net;

namespace Scheduler.Bench.Usage;

/// <summary>
/// A server on this machine found by the TCP port it listens on (PostgreSQL's postmaster, RabbitMQ's beam.smp), and
/// the CPU time of its whole process tree: itself, every descendant alive, and the children it reaped (the PostgreSQL
/// backends of connections closed meanwhile).
/// </summary>
public sealed record ServerProcess(int Pid, long StartTicks)
{
    static readonly string[] SocketTables = ["/proc/net/tcp", "/proc/net/tcp6"];

    /// <summary>The process listening on <paramref name="host"/>:<paramref name="port"/>, or null when it is not on this machine or not seen.</summary>
    public static ServerProcess? ListeningOn(string host, int port)
    {
        if (!IsLocal(host))
            return null;
        var sockets = ListeningSockets(port);
        if (sockets.Count == 0)
            return null;
        foreach (var process in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !OwnsAny(process, sockets))
                continue;
            if (ProcStat.Read(pid) is { } stat)
                return new ServerProcess(pid, stat.StartTicks);
        }

        return null;
    }

    /// <summary>CPU time of the tree so far; null when this process is gone or was replaced (the server restarted).</summary>
    public TimeSpan? TreeCpu()
    {
        var all = ProcStat.All();
        if (all.FirstOrDefault(p => p.Pid == Pid) is not { } root || root.StartTicks != StartTicks)
            return null;
        var children = all.ToLookup(p => p.ParentPid);
        TimeSpan Sum(ProcStat process) => process.Used + process.ReapedChildren + children[process.Pid].Aggregate(TimeSpan.Zero, (sum, child) => sum + Sum(child));
        return Sum(root);
    }

    static bool IsLocal(string host) =>
        host is "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    /// <summary>The inodes of the sockets listening on the port, from <c>/proc/net/tcp</c> and <c>tcp6</c>.</summary>
    static HashSet<string> ListeningSockets(int port)
    {
        var inodes = new HashSet<string>();
        foreach (var table in SocketTables.Where(File.Exists))
        {
            // sl local_address rem_address st … inode: the address is hex "address:port", state 0A is LISTEN.
            foreach (var columns in File.ReadLines(table).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                if (columns.Length > 9 && columns[3] == "0A"
                    && int.Parse(columns[1].AsSpan(columns[1].IndexOf(':', StringComparison.Ordinal) + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                    inodes.Add($"socket:[{columns[9]}]");
            }
        }

        return inodes;
    }

    static bool OwnsAny(string process, HashSet<string> sockets)
    {
        try
        {
            return Directory.EnumerateFiles(Path.Combine(process, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } target && sockets.Contains(target));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Gone meanwhile, or another user's process read without root: not this one, as far as can be seen.
            return false;
        }
    }
}

namespace Scheduler.Bench;

/// <summary>
/// The bench's command line: names (workloads, cases) and <c>--name=value</c> options (a bare <c>--name</c> is
/// <c>true</c>); <c>--repository</c>, which the scripts pass, is where the sources and results live.
/// </summary>
public sealed record CommandLine(IReadOnlySet<string> Names, IReadOnlyDictionary<string, string> Options)
{
    public string Repository => Options.TryGetValue("repository", out var root) ? root : Directory.GetCurrentDirectory();

    public static CommandLine Parse(IEnumerable<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var all = args.ToList();
        return new CommandLine(
            all.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase),
            all.Where(a => a.StartsWith("--", StringComparison.Ordinal)).Select(a => a[2..].Split('=', 2))
                .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "true", StringComparer.OrdinalIgnoreCase));
    }
}

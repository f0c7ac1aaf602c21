using System.Globalization;

namespace Scheduler.Bench.Workloads;

/// <summary>A workload's parameters from the command line (<c>--jobs=20000</c>), with their defaults.</summary>
public sealed class WorkloadArguments(IReadOnlyDictionary<string, string> values)
{
    readonly Dictionary<string, object> _used = [];

    public IReadOnlyDictionary<string, object> Used => _used;

    public int Number(string name, int fallback)
    {
        var value = values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        _used[name] = value;
        return value;
    }

    public TimeSpan Seconds(string name, double fallback)
    {
        var value = values.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
        _used[name + "Seconds"] = value;
        return TimeSpan.FromSeconds(value);
    }
}

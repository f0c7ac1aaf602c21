namespace Scheduler.Consumers.Execution;

/// <summary>The identity of this consumer host, reported with every run so an operator can find where it ran.</summary>
public sealed class ConsumerHost
{
    /// <summary>Creates a host identity with the given name.</summary>
    public ConsumerHost(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The host's name, for example <c>worker-7/4711</c>.</summary>
    public string Name { get; }

    /// <summary>This process: <c>{MachineName}/{ProcessId}</c>.</summary>
    public static ConsumerHost FromEnvironment() => new($"{Environment.MachineName}/{Environment.ProcessId}");

    /// <inheritdoc />
    public override string ToString() => Name;
}

namespace Scheduler.Cli.Commands;

/// <summary>The command line asks for something that cannot be sent: a payload that is not JSON, a file that cannot be read.</summary>
public sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);

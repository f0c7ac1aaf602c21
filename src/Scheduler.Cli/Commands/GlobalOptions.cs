using System.CommandLine;
using Scheduler.Cli.Output;

namespace Scheduler.Cli.Commands;

/// <summary>The options every command takes: where the service is, the key to use, and how to print.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Url { get; } = new("--url")
    {
        Description = "The service's base URL (default: $SCHEDULER_URL, else http://localhost:5000)",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "The API key to send (default: $SCHEDULER_API_KEY)",
        Recursive = true,
    };

    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "table (for people) or json (the service's JSON, for scripts)",
        Recursive = true,
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    public void AddTo(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(Url);
        root.Options.Add(ApiKey);
        root.Options.Add(Output);
    }
}

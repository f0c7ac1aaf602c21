using System.Text.Json;

namespace Scheduler.IntegrationTests.Cli;

/// <summary>One run of the <c>scheduler</c> command: its exit code and what it printed.</summary>
public sealed record CliRun(int Exit, string Out, string Error)
{
    public JsonElement Json() => JsonDocument.Parse(Out).RootElement.Clone();

    public override string ToString() => $"exit {Exit}\n--- out\n{Out}\n--- error\n{Error}";
}

namespace Scheduler.Cli.Hosting;

/// <summary>What the command line reads and writes outside itself: its output streams, environment variables, and the way to HTTP.</summary>
/// <param name="Out">Results.</param>
/// <param name="Error">Problems, usage errors and diagnostics.</param>
/// <param name="Variable">Reads an environment variable (<c>SCHEDULER_URL</c>, <c>SCHEDULER_API_KEY</c>).</param>
/// <param name="Handler">The HTTP handler to use; null: a new one for the process.</param>
public sealed record CliEnvironment(TextWriter Out, TextWriter Error, Func<string, string?> Variable, HttpMessageHandler? Handler = null)
{
    public const string UrlVariable = "SCHEDULER_URL";
    public const string ApiKeyVariable = "SCHEDULER_API_KEY";

    public static CliEnvironment FromProcess() => new(Console.Out, Console.Error, Environment.GetEnvironmentVariable);
}

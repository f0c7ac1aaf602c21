using System.CommandLine;
using Scheduler.Cli.Commands;

namespace Scheduler.Cli.Hosting;

/// <summary>The <c>scheduler</c> command: its tree of commands, and one run of it with the exit codes of <see cref="ExitCodes"/>.</summary>
public static class SchedulerCommandLine
{
    public static RootCommand Build(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var options = new GlobalOptions();
        var runner = new CommandRunner(options, environment);
        var root = new RootCommand($"Manage the scheduler over its REST API ({CliEnvironment.UrlVariable}, {CliEnvironment.ApiKeyVariable}).");
        options.AddTo(root);
        root.Subcommands.Add(JobsCommand.Create(runner));
        root.Subcommands.Add(RunsCommand.Create(runner));
        foreach (var command in OperationsCommands.Create(runner))
            root.Subcommands.Add(command);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; a command line that does not parse prints why and the usage, and exits 2.</summary>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var parse = Build(environment).Parse(args);
        var invocation = new InvocationConfiguration { Output = environment.Out, Error = environment.Error };
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                await environment.Error.WriteLineAsync(error.Message);
            await environment.Error.WriteLineAsync("Run with --help for usage.");
            return ExitCodes.Usage;
        }

        // A group (`scheduler jobs`) has no action of its own: its help says what it holds, and that is a usage error.
        if (parse.Action is null)
        {
            await environment.Error.WriteLineAsync($"'{parse.CommandResult.Command.Name}' needs a command; run it with --help.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(invocation, cancellationToken);
    }
}

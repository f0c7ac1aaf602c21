using System.CommandLine;
using Scheduler.Cli.Output;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler runs …</c>: the runs of all jobs, one run, and replaying one.</summary>
public static class RunsCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var runs = new Command("runs", "Runs of all jobs: list, get, replay");

        var status = new Option<string?>("--status") { Description = "Only runs in this status" };
        var handler = new Option<string?>("--handler") { Description = "Only runs of this handler" };
        var from = new Option<string?>("--from") { Description = "Scheduled at or after this ISO 8601 instant" };
        var to = new Option<string?>("--to") { Description = "Scheduled before this ISO 8601 instant" };
        var (limit, cursor) = JobsCommand.Paging();
        var list = new Command("list", "List runs, newest first") { status, handler, from, to, limit, cursor };
        runner.Bind(list, p => ApiRequest.Get("api/runs", ("status", p.GetValue(status)), ("handler", p.GetValue(handler)), ("from", p.GetValue(from)),
            ("to", p.GetValue(to)), ("limit", JobsCommand.Text(p.GetValue(limit))), ("cursor", p.GetValue(cursor))), ResultView.Rows(JobsCommand.RunColumns));
        runs.Subcommands.Add(list);

        runs.Subcommands.Add(JobsCommand.WithId("get", "Show a run", runner, id => ApiRequest.Get($"api/runs/{id}"), ResultView.Properties));
        runs.Subcommands.Add(JobsCommand.WithId("replay", "Run a finished run's job again with the same payload", runner,
            id => ApiRequest.Post($"api/runs/{id}/replay"), ResultView.Properties));
        return runs;
    }
}

using System.CommandLine;
using Scheduler.Cli.Output;

namespace Scheduler.Cli.Commands;

/// <summary>The commands about the scheduler as a whole: handlers, stats, schedule preview, health, and pausing everything.</summary>
public static class OperationsCommands
{
    static readonly Column[] HandlerColumns = [new("NAME", "name"), new("ONLINE", "online"), new("SOURCE", "source"), new("QUEUE", "queue"), new("HOSTS", "hosts")];
    static readonly Column[] OccurrenceColumns = [new("UTC", "utc"), new("LOCAL", "local")];
    static readonly Column[] CheckColumns = [new("CHECK", "name"), new("STATUS", "status"), new("DESCRIPTION", "description")];

    public static IEnumerable<Command> Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);

        var handlers = new Command("handlers", "The handlers jobs may name, and whether a consumer serves each now");
        runner.Bind(handlers, _ => ApiRequest.Get("api/handlers"), ResultView.Rows(HandlerColumns));
        yield return handlers;

        var window = new Option<string?>("--window") { Description = "How far back, ISO 8601 (e.g. PT1H)" };
        var stats = new Command("stats", "Jobs and runs by status, success rate and durations, per handler") { window };
        runner.Bind(stats, p => ApiRequest.Get("api/stats", ("window", p.GetValue(window))), ResultView.Properties);
        yield return stats;

        var cron = new Option<string?>("--cron") { Description = "A cron expression" };
        var every = new Option<string?>("--every") { Description = "An ISO 8601 interval" };
        var timeZone = new Option<string?>("--time-zone") { Description = "The IANA zone of --cron (default UTC)" };
        var from = new Option<string?>("--from") { Description = "Start after this ISO 8601 instant (default now)" };
        var count = new Option<int?>("--count") { Description = "How many occurrences" };
        var preview = new Command("preview", "The next occurrences of a cron expression or an interval") { cron, every, timeZone, from, count };
        preview.Validators.Add(result =>
        {
            if ((result.GetResult(cron) is null) == (result.GetResult(every) is null))
                result.AddError("Give --cron or --every.");
        });
        runner.Bind(preview, p => ApiRequest.Get("api/schedules/preview", ("cron", p.GetValue(cron)), ("every", p.GetValue(every)),
            ("timeZone", p.GetValue(timeZone)), ("from", p.GetValue(from)), ("count", JobsCommand.Text(p.GetValue(count)))),
            ResultView.RowsOf("occurrences", OccurrenceColumns));
        yield return preview;

        var detailed = new Option<bool>("--detailed") { Description = "Each check with its description and figures" };
        var health = new Command("health", "Whether the service is ready (bus, database, dispatcher); exit 1 when it is not") { detailed };
        runner.Bind(health, _ => new ApiRequest(HttpMethod.Get, "health/ready", ShowAnyAnswer: true),
            p => p.GetValue(detailed) ? ResultView.Properties : ResultView.RowsOf("checks", CheckColumns));
        yield return health;

        var pauseAll = new Command("pause-all", "Pause the whole scheduler: nothing is dispatched until resume-all (admin)");
        runner.Bind(pauseAll, _ => ApiRequest.Post("api/scheduler/pause"), ResultView.Properties);
        yield return pauseAll;

        var resumeAll = new Command("resume-all", "Resume the scheduler after pause-all (admin)");
        runner.Bind(resumeAll, _ => ApiRequest.Post("api/scheduler/resume"), ResultView.Properties);
        yield return resumeAll;
    }
}

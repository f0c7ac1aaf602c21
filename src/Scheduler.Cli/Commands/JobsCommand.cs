using System.CommandLine;
using System.Text.Json.Nodes;
using Scheduler.Cli.Output;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler jobs …</c>: list, read, create, change, delete and steer jobs.</summary>
public static class JobsCommand
{
    static readonly Column[] JobColumns =
    [
        new("ID", "id"), new("NAME", "name"), new("HANDLER", "handler"), new("STATUS", "status"), new("NEXT RUN", "nextRunAt"),
        new("RUNS", "runCount"), new("FAILURES", "failureCount"),
    ];

    internal static readonly Column[] RunColumns =
    [
        new("ID", "id"), new("JOB", "jobId"), new("ATTEMPT", "attempt"), new("STATUS", "status"), new("SCHEDULED FOR", "scheduledFor"),
        new("DURATION MS", "durationMs"), new("ERROR", "error.message"),
    ];

    static readonly Column[] AuditColumns = [new("AT", "at"), new("EVENT", "event"), new("ACTOR", "actor"), new("FROM", "fromStatus"), new("TO", "toStatus"), new("DETAIL", "detail")];

    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var jobs = new Command("jobs", "Jobs: list, get, create, update, delete, trigger, pause, resume, cancel, runs, audit");

        var status = new Option<string?>("--status") { Description = "Only jobs in this status" };
        var handler = new Option<string?>("--handler") { Description = "Only jobs of this handler" };
        var name = new Option<string?>("--name") { Description = "Only jobs with this name" };
        var metadataKey = new Option<string?>("--metadata-key") { Description = "Only jobs whose metadata has this key" };
        var metadataValue = new Option<string?>("--metadata-value") { Description = "With --metadata-key: only jobs with this value under it (a string, number or boolean)" };
        var (limit, cursor) = Paging();
        var list = new Command("list", "List jobs, newest first") { status, handler, name, metadataKey, metadataValue, limit, cursor };
        runner.Bind(list, p => ApiRequest.Get("api/jobs", ("status", p.GetValue(status)), ("handler", p.GetValue(handler)), ("name", p.GetValue(name)),
            ("metadataKey", p.GetValue(metadataKey)), ("metadataValue", p.GetValue(metadataValue)),
            ("limit", Text(p.GetValue(limit))), ("cursor", p.GetValue(cursor))), ResultView.Rows(JobColumns));
        jobs.Subcommands.Add(list);

        jobs.Subcommands.Add(WithId("get", "Show a job", runner, id => ApiRequest.Get($"api/jobs/{id}"), ResultView.Properties));

        var definition = new JobDefinitionOptions();
        var create = new Command("create", "Schedule a job from flags or from --file job.json");
        definition.AddTo(create, requireHandler: true);
        runner.Bind(create, p => new ApiRequest(HttpMethod.Post, "api/jobs", definition.Build(p)), ResultView.Properties);
        jobs.Subcommands.Add(create);

        var changes = new JobDefinitionOptions();
        var updateId = IdArgument("The job's id");
        var update = new Command("update", "Change a job: the fields given replace the job's") { updateId };
        changes.AddTo(update, requireHandler: false);
        runner.Bind(update, p =>
        {
            // Checked before anything is sent, so that a bad flag is a usage error whatever the job.
            changes.Build(p);
            return new ApiRequest(HttpMethod.Put, $"api/jobs/{p.GetValue(updateId)}") { BodyFromCurrent = current => changes.Change(p, current) };
        }, ResultView.Properties);
        jobs.Subcommands.Add(update);

        var purge = new Option<bool>("--purge") { Description = "Remove it with its runs and audit trail at once (admin)" };
        var deleteId = IdArgument("The job's id");
        var delete = new Command("delete", "Delete a job: it never runs again") { deleteId, purge };
        runner.Bind(delete, p => new ApiRequest(HttpMethod.Delete, ApiRequest.WithQuery($"api/jobs/{p.GetValue(deleteId)}",
            [("purge", p.GetValue(purge) ? "true" : null)])), ResultView.Properties);
        jobs.Subcommands.Add(delete);
        jobs.Subcommands.Add(WithId("trigger", "Run a job now, once, besides its schedule", runner, id => ApiRequest.Post($"api/jobs/{id}/trigger"), ResultView.Properties));

        var until = new Option<string?>("--until") { Description = "Resume by itself at this ISO 8601 instant" };
        var reason = new Option<string?>("--reason") { Description = "Why, for the audit trail" };
        var pauseId = IdArgument("The job's id");
        var pause = new Command("pause", "Pause a job's schedule") { pauseId, until, reason };
        runner.Bind(pause, p => ApiRequest.Post($"api/jobs/{p.GetValue(pauseId)}/pause", PauseBody(p.GetValue(until), p.GetValue(reason))), ResultView.Properties);
        jobs.Subcommands.Add(pause);

        jobs.Subcommands.Add(WithId("resume", "Resume a paused job", runner, id => ApiRequest.Post($"api/jobs/{id}/resume"), ResultView.Properties));
        jobs.Subcommands.Add(WithId("cancel", "Cancel a job: no more runs", runner, id => ApiRequest.Post($"api/jobs/{id}/cancel"), ResultView.Properties));
        jobs.Subcommands.Add(WithId("runs", "A job's runs, newest first", runner, id => ApiRequest.Get($"api/jobs/{id}/runs"), ResultView.Rows(RunColumns)));
        jobs.Subcommands.Add(WithId("audit", "A job's audit trail, oldest first", runner, id => ApiRequest.Get($"api/jobs/{id}/audit"), ResultView.Rows(AuditColumns)));
        return jobs;
    }

    internal static Argument<Guid> IdArgument(string description) => new("id") { Description = description };

    internal static (Option<int?> Limit, Option<string?> Cursor) Paging() =>
        (new Option<int?>("--limit") { Description = "At most this many (the service caps it)" },
         new Option<string?>("--cursor") { Description = "Go on from where the previous page ended" });

    internal static Command WithId(string name, string description, CommandRunner runner, Func<Guid, ApiRequest> request, ResultView view)
    {
        var id = IdArgument("The id");
        var command = new Command(name, description) { id };
        runner.Bind(command, p => request(p.GetValue(id)), view);
        return command;
    }

    internal static string? Text(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    static JsonObject? PauseBody(string? until, string? reason)
    {
        if (until is null && reason is null)
            return null;
        var body = new JsonObject();
        if (until is not null)
            body["until"] = until;
        if (reason is not null)
            body["reason"] = reason;
        return body;
    }
}

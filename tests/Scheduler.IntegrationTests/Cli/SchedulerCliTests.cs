using System.Net;
using System.Text.Json;
using Scheduler.Cli.Hosting;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Cli;

/// <summary>
/// The <c>scheduler</c> command line against a running service (the embedded deployment, in-process): every command,
/// a refused request (exit 1, problem details printed), usage errors (exit 2) and an unreachable service (exit 3).
/// </summary>
public sealed class SchedulerCliTests : IAsyncLifetime
{
    readonly EmbeddedDeployment _deployment = new();

    public Task InitializeAsync() => _deployment.InitializeAsync();

    public Task DisposeAsync() => _deployment.DisposeAsync();

    Task<CliRun> RunAsync(params string[] args) => RunWithKeyAsync(null, args);

    async Task<CliRun> RunWithKeyAsync(string? apiKey, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var variables = new Dictionary<string, string> { [CliEnvironment.UrlVariable] = _deployment.Service.Server.BaseAddress.ToString() };
        if (apiKey is not null)
            variables[CliEnvironment.ApiKeyVariable] = apiKey;
        var environment = new CliEnvironment(output, error, name => variables.GetValueOrDefault(name), _deployment.Service.Server.CreateHandler());
        var exit = await SchedulerCommandLine.RunAsync(args, environment, CancellationToken.None);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    async Task<Guid> CreateAsync(params string[] args)
    {
        var created = await RunAsync(["jobs", "create", .. args, "-o", "json"]);
        Assert.True(created.Exit == ExitCodes.Ok, created.ToString());
        return created.Json().GetProperty("id").GetGuid();
    }

    async Task<string> StatusAsync(Guid id) => (await RunAsync("jobs", "get", id.ToString(), "-o", "json")).Json().GetProperty("status").GetString()!;

    [Fact]
    public async Task Jobs_commands_create_list_get_update_steer_and_delete_a_job()
    {
        var id = await CreateAsync("--name", "nightly", "--handler", "noop", "--cron", "0 3 * * *", "--time-zone", "Europe/Berlin",
            "--payload", """{"region": "eu"}""", "--max-attempts", "3", "--metadata", "team=billing");
        var job = (await RunAsync("jobs", "get", id.ToString(), "-o", "json")).Json();
        Assert.Equal("0 3 * * *", job.GetProperty("schedule").GetProperty("cron").GetString());
        Assert.Equal("Europe/Berlin", job.GetProperty("schedule").GetProperty("timeZone").GetString());
        Assert.Equal("eu", job.GetProperty("payload").GetProperty("region").GetString());
        Assert.Equal(3, job.GetProperty("retry").GetProperty("maxAttempts").GetInt32());
        Assert.Equal("billing", job.GetProperty("metadata").GetProperty("team").GetString());

        var table = await RunAsync("jobs", "list", "--name", "nightly");
        Assert.Equal(ExitCodes.Ok, table.Exit);
        Assert.StartsWith("ID", table.Out, StringComparison.Ordinal);
        Assert.Contains(id.ToString(), table.Out, StringComparison.Ordinal);
        var page = (await RunAsync("jobs", "list", "--handler", "noop", "-o", "json")).Json();
        Assert.Contains(page.GetProperty("items").EnumerateArray(), j => j.GetProperty("id").GetGuid() == id);
        var byMetadata = (await RunAsync("jobs", "list", "--metadata-key", "team", "--metadata-value", "billing", "-o", "json")).Json();
        Assert.Equal(id, Assert.Single(byMetadata.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty((await RunAsync("jobs", "list", "--metadata-key", "team", "--metadata-value", "ops", "-o", "json")).Json().GetProperty("items").EnumerateArray());
        Assert.Contains("nightly", (await RunAsync("jobs", "get", id.ToString())).Out, StringComparison.Ordinal);

        var updated = await RunAsync("jobs", "update", id.ToString(), "--name", "nightly-eu", "-o", "json");
        Assert.True(updated.Exit == ExitCodes.Ok, updated.ToString());
        Assert.Equal("nightly-eu", (await RunAsync("jobs", "get", id.ToString(), "-o", "json")).Json().GetProperty("name").GetString());

        Assert.Equal(ExitCodes.Ok, (await RunAsync("jobs", "pause", id.ToString(), "--reason", "maintenance")).Exit);
        await Eventually.Until(() => StatusAsync(id), s => s == "paused", "the job to pause");
        Assert.Equal(ExitCodes.Ok, (await RunAsync("jobs", "resume", id.ToString())).Exit);
        await Eventually.Until(() => StatusAsync(id), s => s == "scheduled", "the job to resume");

        var triggered = await RunAsync("jobs", "trigger", id.ToString());
        Assert.True(triggered.Exit == ExitCodes.Ok, triggered.ToString());
        var runs = await Eventually.Until(() => RunAsync("jobs", "runs", id.ToString(), "-o", "json"),
            r => r.Json().EnumerateArray().Any(run => run.GetProperty("status").GetString() == "succeeded"), "the triggered run to succeed");
        Assert.Single(runs.Json().EnumerateArray());
        Assert.Contains("succeeded", (await RunAsync("jobs", "runs", id.ToString())).Out, StringComparison.Ordinal);
        var audit = await RunAsync("jobs", "audit", id.ToString());
        Assert.StartsWith("AT", audit.Out, StringComparison.Ordinal);
        Assert.Contains("scheduled", audit.Out, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, (await RunAsync("jobs", "cancel", id.ToString())).Exit);
        await Eventually.Until(() => StatusAsync(id), s => s == "cancelled", "the job to be cancelled");
        Assert.Equal(ExitCodes.Ok, (await RunAsync("jobs", "delete", id.ToString(), "--purge")).Exit);
        var gone = await Eventually.Until(() => RunAsync("jobs", "get", id.ToString()), r => r.Exit != ExitCodes.Ok, "the job to be gone");
        Assert.Equal(ExitCodes.Refused, gone.Exit);
        Assert.Contains("404", gone.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_created_with_the_cli_names_the_cli_key_in_its_audit_trail()
    {
        using var created = await _deployment.Api.PostAsync("/api/keys", ApiJson.Body("""{"name": "deploy-pipeline", "role": "member"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await ApiJson.ReadAsync(created);
        var keyId = key.GetProperty("apiKey").GetProperty("id").GetGuid();

        var job = await RunWithKeyAsync(key.GetProperty("key").GetString(), "jobs", "create", "--name", "from ci", "--handler", "noop", "--every", "PT1H",
            "-o", "json");
        Assert.True(job.Exit == ExitCodes.Ok, job.ToString());
        var audit = await RunAsync("jobs", "audit", job.Json().GetProperty("id").GetGuid().ToString(), "-o", "json");

        Assert.Equal($"key:deploy-pipeline:{keyId}", Assert.Single(audit.Json().EnumerateArray()).GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Create_reads_the_job_from_a_file_and_flags_override_its_fields()
    {
        var file = Path.Combine(Path.GetTempPath(), $"job-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"name": "from-file", "handler": "noop", "schedule": {"every": "PT1H"}, "priority": "low"}""");
        try
        {
            var id = await CreateAsync("--file", file, "--priority", "high");
            var job = (await RunAsync("jobs", "get", id.ToString(), "-o", "json")).Json();
            Assert.Equal("from-file", job.GetProperty("name").GetString());
            Assert.Equal("PT1H", job.GetProperty("schedule").GetProperty("every").GetString());
            Assert.Equal("high", job.GetProperty("priority").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Runs_commands_list_get_and_replay_a_run()
    {
        var id = await CreateAsync("--name", "doomed", "--handler", "fail", "--payload", """{"permanent": true}""");
        var run = await Eventually.Until(async () => (await RunAsync("jobs", "runs", id.ToString(), "-o", "json")).Json(),
            r => r.EnumerateArray().Any(x => x.GetProperty("status").GetString() == "faulted"), "the run to fault");
        var runId = run.EnumerateArray().First().GetProperty("id").GetGuid();

        var list = await RunAsync("runs", "list", "--handler", "fail");
        Assert.Equal(ExitCodes.Ok, list.Exit);
        Assert.Contains(runId.ToString(), list.Out, StringComparison.Ordinal);
        var got = (await RunAsync("runs", "get", runId.ToString(), "-o", "json")).Json();
        Assert.Equal(id, got.GetProperty("jobId").GetGuid());

        var replay = await RunAsync("runs", "replay", runId.ToString(), "-o", "json");
        Assert.True(replay.Exit == ExitCodes.Ok, replay.ToString());
        await Eventually.Until(async () => (await RunAsync("jobs", "runs", id.ToString(), "-o", "json")).Json().GetArrayLength(),
            count => count == 2, "the replayed run");
    }

    [Fact]
    public async Task Operations_commands_show_handlers_stats_a_preview_and_health_and_pause_and_resume_the_scheduler()
    {
        var handlers = await RunAsync("handlers");
        Assert.Equal(ExitCodes.Ok, handlers.Exit);
        Assert.Contains("noop", handlers.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, (await RunAsync("stats", "--window", "PT1H")).Exit);
        Assert.Equal(JsonValueKind.Object, (await RunAsync("stats", "-o", "json")).Json().ValueKind);

        var preview = await RunAsync("preview", "--cron", "0 9 * * MON-FRI", "--time-zone", "Europe/Berlin", "--count", "3", "-o", "json");
        Assert.True(preview.Exit == ExitCodes.Ok, preview.ToString());
        Assert.Equal(3, preview.Json().GetProperty("occurrences").GetArrayLength());
        var occurrences = (await RunAsync("preview", "--every", "PT1H", "--count", "3")).Out.Trim().Split('\n');
        Assert.Equal(3, occurrences.Count(line => line.StartsWith("20", StringComparison.Ordinal)));
        Assert.Contains(occurrences, line => line.StartsWith("UTC", StringComparison.Ordinal));

        var health = await RunAsync("health");
        Assert.True(health.Exit == ExitCodes.Ok, health.ToString());
        Assert.Contains("dispatcher", health.Out, StringComparison.Ordinal);
        Assert.Contains("lagSeconds", (await RunAsync("health", "--detailed")).Out, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Ok, (await RunAsync("pause-all")).Exit);
        Assert.True((await _deployment.Api.GetStringAsync(new Uri("/api/scheduler", UriKind.Relative))).Contains("\"paused\":true", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Ok, (await RunAsync("resume-all")).Exit);
        Assert.True((await _deployment.Api.GetStringAsync(new Uri("/api/scheduler", UriKind.Relative))).Contains("\"paused\":false", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refused_request_exits_1_and_prints_the_problem_details()
    {
        var refused = await RunAsync("jobs", "create", "--name", "x", "--handler", "no-such-handler");

        Assert.Equal(ExitCodes.Refused, refused.Exit);
        Assert.Contains("handler", refused.Error, StringComparison.Ordinal);
        Assert.Equal("", refused.Out);
        var json = await RunAsync("jobs", "create", "--name", "x", "--handler", "no-such-handler", "-o", "json");
        Assert.Equal(ExitCodes.Refused, json.Exit);
        Assert.True(JsonDocument.Parse(json.Error).RootElement.GetProperty("errors").TryGetProperty("handler", out _), json.Error);
    }

    [Theory]
    [InlineData("jobs", "create", "--name", "x", "--handler", "noop", "--cron", "* * * * *", "--every", "PT1M")]
    [InlineData("jobs", "create", "--name", "x", "--handler", "noop", "--payload", "{not json")]
    [InlineData("jobs", "create", "--name", "x")]
    [InlineData("jobs", "get", "not-a-guid")]
    [InlineData("jobs", "frobnicate")]
    [InlineData("jobs")]
    [InlineData("preview")]
    public async Task A_command_line_that_does_not_parse_exits_2_and_sends_nothing(params string[] args)
    {
        var run = await RunAsync(args);

        Assert.Equal(ExitCodes.Usage, run.Exit);
        Assert.NotEqual("", run.Error);
        Assert.Equal(0, (await RunAsync("jobs", "list", "-o", "json")).Json().GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Help_is_there_for_every_command()
    {
        foreach (var command in new[] { "jobs create", "jobs list", "runs replay", "preview", "health", "pause-all" })
        {
            var help = await RunAsync([.. command.Split(' '), "--help"]);
            Assert.Equal(ExitCodes.Ok, help.Exit);
            Assert.Contains("Usage:", help.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unreachable_service_exits_3()
    {
        var port = FreePort.Next();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await SchedulerCommandLine.RunAsync(["jobs", "list", "--url", $"http://127.0.0.1:{port}"],
            new CliEnvironment(output, error, _ => null), CancellationToken.None);

        Assert.Equal(ExitCodes.Unreachable, exit);
        Assert.Contains("Cannot reach", error.ToString(), StringComparison.Ordinal);
    }
}

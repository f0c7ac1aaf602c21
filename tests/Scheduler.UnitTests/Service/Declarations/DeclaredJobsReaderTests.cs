using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Scheduler.Contracts;
using Scheduler.Service.Declarations;
using Scheduler.Service.Validation;

namespace Scheduler.UnitTests.Service.Declarations;

public sealed class DeclaredJobsReaderTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    static IReadOnlyList<DeclaredJob> Read(IConfiguration configuration) => new DeclaredJobsReader(configuration).Read();

    static IReadOnlyList<DeclaredJob> Read(Dictionary<string, string?> settings) =>
        Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void The_shipped_example_set_reads_as_three_valid_disabled_jobs()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Scheduler.sln")))
            root = root.Parent;
        var path = Path.Combine(root!.FullName, "src", "Scheduler.Service", "declared-jobs.example.json");
        var validator = new ScheduleJobValidator(new HandlerCatalog(new ConfigurationBuilder().Build()));

        var jobs = Read(new ConfigurationBuilder().AddJsonFile(path).Build());

        Assert.Equal(["nightly-report", "platform-health", "sessions-cleanup"], jobs.Select(j => j.Key).Order(StringComparer.Ordinal));
        Assert.All(jobs, job =>
        {
            Assert.False(job.Enabled);
            Assert.Empty(job.Errors);
            Assert.Equal(job.Key, job.Command!.Key);
            Assert.Empty(validator.Validate(job.Command with { JobId = Guid.NewGuid() }, requireJobId: false, Now));
        });
        var cleanup = jobs.Single(j => j.Key == "sessions-cleanup").Command!;
        Assert.Equal(204, cleanup.Payload!.Value.GetProperty("expectedStatus").GetInt32());
        Assert.Equal(TimeSpan.FromMinutes(15), cleanup.Schedule!.Every);
        Assert.Equal(3, cleanup.Retry!.MaxAttempts);
    }

    [Fact]
    public void Settings_as_environment_variables_give_them_read_as_a_job_definition()
    {
        var jobs = Read(new Dictionary<string, string?>
        {
            ["Scheduler:Jobs:nightly-report:Name"] = "nightly report",
            ["Scheduler:Jobs:nightly-report:Handler"] = "noop",
            ["Scheduler:Jobs:nightly-report:Schedule:Cron"] = "0 3 * * *",
            ["Scheduler:Jobs:nightly-report:Schedule:TimeZone"] = "Europe/Paris",
            ["Scheduler:Jobs:nightly-report:Retry:MaxAttempts"] = "5",
            ["Scheduler:Jobs:nightly-report:Retry:Jitter"] = "true",
            ["Scheduler:Jobs:nightly-report:Payload:recipients:0"] = "ops@example.com",
            ["Scheduler:Jobs:nightly-report:Payload:recipients:1"] = "cfo@example.com",
            ["Scheduler:Jobs:nightly-report:Enabled"] = "false",
        });

        var job = Assert.Single(jobs);
        Assert.False(job.Enabled);
        Assert.Equal("0 3 * * *", job.Command!.Schedule!.Cron);
        Assert.Equal(5, job.Command.Retry!.MaxAttempts);
        Assert.True(job.Command.Retry.Jitter);
        Assert.Equal(["ops@example.com", "cfo@example.com"],
            job.Command.Payload!.Value.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("bad key", "Name", "x", "key")]
    [InlineData("ok", "Schedule:Every", "five minutes", "schedule.every")]
    [InlineData("ok", "Enabled", "maybe", "enabled")]
    public void A_section_that_is_no_job_definition_is_reported_with_its_field(string key, string setting, string value, string field)
    {
        var job = Assert.Single(Read(new Dictionary<string, string?> { [$"Scheduler:Jobs:{key}:{setting}"] = value }));

        Assert.Null(job.Command);
        Assert.Equal(field, Assert.Single(job.Errors).Field);
    }

    [Fact]
    public void Enabled_is_the_default()
    {
        var job = Assert.Single(Read(new Dictionary<string, string?> { ["Scheduler:Jobs:ok:Name"] = "x", ["Scheduler:Jobs:ok:Handler"] = "noop" }));

        Assert.True(job.Enabled);
        Assert.Equal(JsonValueKind.Undefined, job.Command!.Payload?.ValueKind ?? JsonValueKind.Undefined);
    }

    [Fact]
    public void Declared_metadata_keeps_its_names_as_written_and_reads_numbers_booleans_and_lists_as_such()
    {
        var job = Assert.Single(Read(new Dictionary<string, string?>
        {
            ["Scheduler:Jobs:ok:Name"] = "x",
            ["Scheduler:Jobs:ok:Handler"] = "noop",
            ["Scheduler:Jobs:ok:Metadata:Team"] = "billing",
            ["Scheduler:Jobs:ok:Metadata:tier"] = "3",
            ["Scheduler:Jobs:ok:Metadata:critical"] = "true",
            ["Scheduler:Jobs:ok:Metadata:tags:0"] = "nightly",
            ["Scheduler:Jobs:ok:Metadata:owner:name"] = "ops",
        }));

        var metadata = job.Command!.Metadata!;
        Assert.Equal("billing", metadata["Team"].GetString());
        Assert.Equal(3, metadata["tier"].GetInt32());
        Assert.Equal(JsonValueKind.True, metadata["critical"].ValueKind);
        Assert.Equal("nightly", Assert.Single(metadata["tags"].EnumerateArray()).GetString());
        Assert.Equal("ops", metadata["owner"].GetProperty("name").GetString());
    }
}

using Microsoft.Extensions.Configuration;
using Scheduler.Contracts;
using Scheduler.Service.Validation;

namespace Scheduler.UnitTests.Service.Validation;

public sealed class ScheduleJobValidatorTests
{
    static ScheduleJobValidator Validator(params string[] configuredHandlers)
    {
        var settings = configuredHandlers.Select((name, i) => new KeyValuePair<string, string?>($"Scheduler:KnownHandlers:{i}", name));
        return new ScheduleJobValidator(new HandlerCatalog(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
    }

    static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    static readonly ScheduleJob Valid = new() { JobId = Guid.NewGuid(), Name = "report", Handler = "noop" };

    static IEnumerable<string> FieldsOf(IReadOnlyList<FieldError> errors) => errors.Select(e => e.Field);

    [Fact]
    public void A_complete_run_now_job_is_valid()
    {
        var job = Valid with
        {
            Priority = JobPriority.Critical,
            Retry = new RetryPolicy { MaxAttempts = 20, InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromMinutes(5) },
            Timeout = TimeSpan.FromMinutes(1),
            Concurrency = new ConcurrencyPolicy { MaxInstances = 10, Overlap = OverlapMode.Skip },
            Schedule = new JobSchedule(),
        };

        Assert.Empty(Validator().Validate(job, requireJobId: true, Now));
    }

    [Fact]
    public void The_job_id_is_required_on_the_bus_but_not_from_the_api()
    {
        var job = Valid with { JobId = Guid.Empty };

        Assert.Equal(["jobId"], FieldsOf(Validator().Validate(job, requireJobId: true, Now)));
        Assert.Empty(Validator().Validate(job, requireJobId: false, Now));
    }

    [Fact]
    public void A_configured_handler_is_known_and_an_unknown_one_is_named_in_the_error()
    {
        var error = Assert.Single(Validator().Validate(Valid with { Handler = "billing.invoice" }, requireJobId: true, Now));
        Assert.Equal("handler", error.Field);
        Assert.Contains("'billing.invoice' is not a known handler", error.Reason, StringComparison.Ordinal);

        Assert.Empty(Validator("billing.invoice").Validate(Valid with { Handler = "billing.invoice" }, requireJobId: true, Now));
    }

    [Theory]
    [InlineData("delay")]
    [InlineData("every")]
    [InlineData("cron")]
    [InlineData("at")]
    [InlineData("rrule")]
    public void Each_kind_of_timed_schedule_is_valid(string kind)
    {
        var schedule = kind switch
        {
            "delay" => new JobSchedule { Delay = TimeSpan.FromSeconds(5) },
            "every" => new JobSchedule { Every = TimeSpan.FromMinutes(1) },
            "cron" => new JobSchedule { Cron = "0 9 * * MON-FRI", TimeZone = "Europe/Berlin" },
            "rrule" => new JobSchedule { Rrule = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;BYSECOND=0" },
            _ => new JobSchedule { At = Now.AddHours(1) },
        };

        Assert.Empty(Validator().Validate(Valid with { Schedule = schedule }, requireJobId: true, Now));
    }

    public static TheoryData<JobSchedule, string> InvalidSchedules => new()
    {
        { new JobSchedule { Cron = "61 * * * *" }, "schedule.cron" },
        { new JobSchedule { Cron = "* * *" }, "schedule.cron" },
        { new JobSchedule { Cron = "0 9 * * *", TimeZone = "Mars/Olympus_Mons" }, "schedule.timeZone" },
        { new JobSchedule { At = Now.AddSeconds(-1) }, "schedule.at" },
        { new JobSchedule { Delay = TimeSpan.Zero }, "schedule.delay" },
        { new JobSchedule { Delay = TimeSpan.FromSeconds(-5) }, "schedule.delay" },
        { new JobSchedule { Every = TimeSpan.Zero }, "schedule.every" },
        { new JobSchedule { Every = TimeSpan.FromMinutes(-1) }, "schedule.every" },
        { new JobSchedule { Rrule = "FREQ=SOMETIMES" }, "schedule.rrule" },
    };

    [Theory]
    [MemberData(nameof(InvalidSchedules))]
    public void An_invalid_schedule_is_refused_with_its_field(JobSchedule schedule, string field)
    {
        var errors = Validator().Validate(Valid with { Schedule = schedule }, requireJobId: true, Now);

        Assert.Contains(errors, e => e.Field == field);
    }

    [Theory]
    [InlineData("""{"text": "\ud800"}""")]
    [InlineData("""{"nested": [{"text": "a\udfffb"}]}""")]
    [InlineData("""{"\ud800": 1}""")]
    public void A_payload_with_an_unpaired_surrogate_is_refused_since_it_could_not_be_sent_on(string payload)
    {
        var job = new ScheduleJob { JobId = Guid.NewGuid(), Name = "x", Handler = "noop", Payload = System.Text.Json.JsonDocument.Parse(payload).RootElement };

        Assert.Equal(["payload"], FieldsOf(Validator().Validate(job, requireJobId: true, Now)));
    }

    [Fact]
    public void A_nul_character_is_refused_in_every_stored_text_since_postgresql_cannot_store_it()
    {
        var job = new ScheduleJob
        {
            JobId = Guid.NewGuid(), Name = "x\0", Handler = "noop", IdempotencyKey = "\0",
            Payload = System.Text.Json.JsonDocument.Parse("""{"text": "a\u0000b"}""").RootElement,
            Metadata = new Dictionary<string, System.Text.Json.JsonElement> { ["team"] = System.Text.Json.JsonSerializer.SerializeToElement("\0") },
        };

        Assert.Equal(["payload", "name", "idempotencyKey", "metadata.team"], FieldsOf(Validator().Validate(job, requireJobId: true, Now)));
    }

    [Fact]
    public void A_payload_with_a_paired_surrogate_is_accepted()
    {
        var job = new ScheduleJob { JobId = Guid.NewGuid(), Name = "x", Handler = "noop", Payload = System.Text.Json.JsonDocument.Parse("""{"emoji": "\ud83d\ude00"}""").RootElement };

        Assert.Empty(Validator().Validate(job, requireJobId: true, Now));
    }

    [Fact]
    public void Every_offending_field_is_reported_at_once()
    {
        var job = new ScheduleJob
        {
            JobId = Guid.NewGuid(),
            TenantId = "",
            Name = new string('n', 201),
            Handler = "UPPER",
            Payload = System.Text.Json.JsonDocument.Parse("42").RootElement,
            Retry = new RetryPolicy { MaxAttempts = 0, InitialDelay = TimeSpan.FromSeconds(10), MaxDelay = TimeSpan.FromSeconds(1) },
            Timeout = TimeSpan.Zero,
            Concurrency = new ConcurrencyPolicy { MaxInstances = 11 },
            Misfire = new MisfirePolicy { GraceTime = TimeSpan.FromSeconds(-1) },
            IdempotencyKey = "",
        };

        Assert.Equal(
            ["tenantId", "name", "handler", "payload", "retry.maxAttempts", "retry.maxDelay", "concurrency.maxInstances", "timeout", "misfire.graceTime", "idempotencyKey"],
            FieldsOf(Validator().Validate(job, requireJobId: true, Now)));
    }

    [Fact]
    public void A_follow_up_is_validated_as_a_job_and_its_errors_name_it()
    {
        var job = Valid with
        {
            OnSuccess = [new ScheduleJob { Name = "next", Handler = "noop" }, new ScheduleJob { Name = "next", Handler = "no-such-handler" }],
            OnFailure = [new ScheduleJob { Handler = "noop" }],
        };

        var fields = FieldsOf(Validator().Validate(job, requireJobId: true, Now)).ToList();

        Assert.Equal(["onSuccess[1].handler", "onFailure[0].name"], fields);
    }

    [Fact]
    public void More_follow_ups_than_the_limit_are_refused()
    {
        var job = Valid with { OnSuccess = Enumerable.Repeat(new ScheduleJob { Name = "next", Handler = "noop" }, ScheduleJobValidator.MaxFollowUps + 1).ToList() };

        Assert.Equal(["onSuccess"], FieldsOf(Validator().Validate(job, requireJobId: true, Now)));
    }

    /// <summary>A chain of <paramref name="length"/> jobs, each the only onSuccess (or onFailure) follow-up of the one before.</summary>
    static ScheduleJob Chain(int length, bool onFailure = false)
    {
        var job = new ScheduleJob { Name = $"step {length}", Handler = "noop" };
        for (var i = length - 1; i >= 1; i--)
            job = onFailure ? new ScheduleJob { Name = $"step {i}", Handler = "noop", OnFailure = [job] } : new ScheduleJob { Name = $"step {i}", Handler = "noop", OnSuccess = [job] };
        return job with { JobId = Guid.NewGuid() };
    }

    [Fact]
    public void A_chain_of_follow_ups_as_long_as_the_bound_is_valid()
    {
        Assert.Empty(Validator().Validate(Chain(ScheduleJobValidator.MaxChainLength), requireJobId: true, Now));
    }

    [Theory]
    [InlineData(false, "onSuccess")]
    [InlineData(true, "onFailure")]
    public void A_chain_longer_than_the_bound_is_refused_once_naming_the_field_that_nests_too_deep(bool onFailure, string field)
    {
        var errors = Validator().Validate(Chain(ScheduleJobValidator.MaxChainLength + 1, onFailure), requireJobId: true, Now);

        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Contains($"{ScheduleJobValidator.MaxChainLength + 1} jobs long", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_errors_are_reported_with_the_other_fields()
    {
        var job = Valid with
        {
            Name = null,
            Metadata = new Dictionary<string, System.Text.Json.JsonElement> { ["blob"] = System.Text.Json.JsonSerializer.SerializeToElement(new string('x', 20_000)) },
        };

        Assert.Equal(["name", "metadata"], FieldsOf(Validator().Validate(job, requireJobId: true, Now)));
    }
}

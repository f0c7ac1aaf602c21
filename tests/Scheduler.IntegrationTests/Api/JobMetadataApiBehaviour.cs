using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.Validation;

namespace Scheduler.IntegrationTests.Api;

/// <summary>Metadata of any JSON values, its size limit and the list filter, through REST and the bus, on whichever deployment the derived class names.</summary>
public abstract class JobMetadataApiBehaviour(IApiDeployment deployment)
{
    /// <summary>The deployment's bus, to send commands on as another service would.</summary>
    protected abstract IBus Bus { get; }

    const string Mixed = """{"team":"billing","n":3,"ratio":0.25,"on":true,"none":null,"tags":["a","b"],"o":{"x":true,"deep":[{"y":1}]}}""";

    /// <summary>A string over the limit by one byte once it is the value of <c>{"blob": …}</c>.</summary>
    static string OverLimit => new('x', JobMetadataRules.MaxBytes - """{"blob":""}""".Length + 1);

    async Task<JsonElement> CreateAsync(string name, string metadata)
    {
        using var created = await deployment.Api.PostAsync("/api/jobs", ApiJson.Body($$$"""
            {"name": "{{{name}}}", "handler": "noop", "schedule": {"every": "PT1H"}, "metadata": {{{metadata}}} }
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await ApiJson.ReadAsync(created);
    }

    async Task<IReadOnlyList<string>> ListNamesAsync(string query)
    {
        using var response = await deployment.Api.GetAsync($"/api/jobs?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ApiJson.ReadAsync(response)).GetProperty("items").EnumerateArray().Select(j => j.GetProperty("name").GetString()!)
            .Order(StringComparer.Ordinal).ToList();
    }

    static bool SameJson(string expected, JsonElement actual) => JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual.GetRawText()));

    [Fact]
    public async Task Metadata_of_every_json_kind_is_stored_and_returned_as_given()
    {
        var created = await CreateAsync("mixed metadata", Mixed);
        var id = created.GetProperty("id").GetGuid();

        using var read = await deployment.Api.GetAsync($"/api/jobs/{id}");
        var stored = await ApiJson.ReadAsync(read);

        Assert.True(SameJson(Mixed, created.GetProperty("metadata")), created.GetProperty("metadata").GetRawText());
        Assert.True(SameJson(Mixed, stored.GetProperty("metadata")), stored.GetProperty("metadata").GetRawText());
    }

    [Fact]
    public async Task Jobs_are_listed_by_a_metadata_key_and_a_string_number_or_boolean_value()
    {
        var key = $"k{Guid.NewGuid():N}";
        await CreateAsync($"{key} billing", $$"""{"{{key}}": "billing"}""");
        await CreateAsync($"{key} number", $$"""{"{{key}}": 3}""");
        await CreateAsync($"{key} text 3", $$"""{"{{key}}": "3"}""");
        await CreateAsync($"{key} flag", $$"""{"{{key}}": true}""");
        await CreateAsync($"{key} object", $$"""{"{{key}}": {"billing": 1}, "other": "billing"}""");
        await CreateAsync($"{key} without", """{"other": "billing"}""");

        Assert.Equal([$"{key} billing"], await ListNamesAsync($"metadataKey={key}&metadataValue=billing"));
        Assert.Equal([$"{key} number", $"{key} text 3"], await ListNamesAsync($"metadataKey={key}&metadataValue=3"));
        Assert.Equal([$"{key} flag"], await ListNamesAsync($"metadataKey={key}&metadataValue=true"));
        Assert.Empty(await ListNamesAsync($"metadataKey={key}&metadataValue=Billing"));
        Assert.Equal([$"{key} billing", $"{key} flag", $"{key} number", $"{key} object", $"{key} text 3"],
            await ListNamesAsync($"metadataKey={key}&limit=200"));
    }

    [Fact]
    public async Task A_metadata_value_without_a_key_is_a_400_naming_the_field()
    {
        using var response = await deployment.Api.GetAsync("/api/jobs?metadataValue=billing");

        await FieldProblem.AssertNamesAsync(response, "metadataValue");
    }

    [Fact]
    public async Task Metadata_over_16_KiB_is_a_400_naming_the_field_and_nothing_is_stored()
    {
        var name = $"too much metadata {Guid.NewGuid():N}";

        using var response = await deployment.Api.PostAsync("/api/jobs", ApiJson.Body($$$"""
            {"name": "{{{name}}}", "handler": "noop", "metadata": {"blob": "{{{OverLimit}}}"} }
            """));

        await FieldProblem.AssertNamesAsync(response, "metadata");
        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Jobs.AnyAsync(j => j.Name == name));
    }

    [Fact]
    public async Task An_update_with_metadata_over_16_KiB_is_a_400_and_the_job_keeps_its_metadata()
    {
        var id = (await CreateAsync("metadata kept", """{"team": "billing"}""")).GetProperty("id").GetGuid();

        using var response = await deployment.Api.PutAsync($"/api/jobs/{id}", ApiJson.Body($$$"""
            {"name": "metadata kept", "handler": "noop", "schedule": {"every": "PT1H"}, "metadata": {"blob": "{{{OverLimit}}}"} }
            """));

        await FieldProblem.AssertNamesAsync(response, "metadata");
        using var read = await deployment.Api.GetAsync($"/api/jobs/{id}");
        Assert.True(SameJson("""{"team": "billing"}""", (await ApiJson.ReadAsync(read)).GetProperty("metadata")));
    }

    [Fact]
    public async Task A_batch_answers_400_for_the_item_over_the_limit_and_schedules_the_others()
    {
        var name = $"batch metadata {Guid.NewGuid():N}";

        using var response = await deployment.Api.PostAsync("/api/jobs/batch", ApiJson.Body($$$"""
            {"jobs": [
              {"name": "{{{name}}} ok", "handler": "noop", "schedule": {"every": "PT1H"}, "metadata": {{{Mixed}}} },
              {"name": "{{{name}}} too much", "handler": "noop", "metadata": {"blob": "{{{OverLimit}}}"} }
            ]}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await ApiJson.ReadAsync(response)).GetProperty("items");
        Assert.Equal(201, items[0].GetProperty("status").GetInt32());
        Assert.True(SameJson(Mixed, items[0].GetProperty("job").GetProperty("metadata")));
        Assert.Equal(400, items[1].GetProperty("status").GetInt32());
        Assert.True(items[1].GetProperty("errors").TryGetProperty("metadata", out _));
        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Jobs.AnyAsync(j => j.Name == $"{name} too much"));
    }

    [Fact]
    public async Task Metadata_of_every_json_kind_sent_on_the_bus_is_stored_as_given()
    {
        var id = Guid.NewGuid();
        var metadata = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Mixed)!;

        var answer = await Bus.CreateRequestClient<ScheduleJob>().GetResponse<JobScheduled>(new ScheduleJob
        {
            JobId = id, Name = "bus metadata", Handler = "noop", Schedule = new JobSchedule { Every = TimeSpan.FromHours(1) }, Metadata = metadata,
        });

        Assert.Equal(id, answer.Message.JobId);
        using var read = await deployment.Api.GetAsync($"/api/jobs/{id}");
        Assert.True(SameJson(Mixed, (await ApiJson.ReadAsync(read)).GetProperty("metadata")));
    }

    [Fact]
    public async Task ScheduleJob_on_the_bus_with_metadata_over_16_KiB_is_rejected_naming_the_field_and_nothing_is_stored()
    {
        var id = Guid.NewGuid();

        var answer = await Bus.CreateRequestClient<ScheduleJob>().GetResponse<JobScheduled, JobRejected>(new ScheduleJob
        {
            JobId = id, Name = "bus metadata too much", Handler = "noop",
            Metadata = new Dictionary<string, JsonElement> { ["blob"] = JsonSerializer.SerializeToElement(OverLimit) },
        });

        Assert.True(answer.Is(out Response<JobRejected>? rejected));
        Assert.Equal("metadata", Assert.Single(rejected!.Message.Errors).Field);
        await using var db = deployment.OpenDatabase();
        Assert.False(await db.Jobs.AnyAsync(j => j.CorrelationId == id));
    }

    [Fact]
    public async Task UpdateJob_on_the_bus_with_metadata_over_16_KiB_is_rejected_and_the_job_keeps_its_metadata()
    {
        var id = (await CreateAsync("bus update kept", """{"team": "billing"}""")).GetProperty("id").GetGuid();

        var answer = await Bus.CreateRequestClient<UpdateJob>().GetResponse<JobUpdated, JobRejected>(new UpdateJob
        {
            JobId = id, Name = "bus update kept", Handler = "noop", Schedule = new JobSchedule { Every = TimeSpan.FromHours(1) },
            Metadata = new Dictionary<string, JsonElement> { ["blob"] = JsonSerializer.SerializeToElement(OverLimit) },
        });

        Assert.True(answer.Is(out Response<JobRejected>? rejected));
        Assert.Equal("metadata", Assert.Single(rejected!.Message.Errors).Field);
        using var read = await deployment.Api.GetAsync($"/api/jobs/{id}");
        Assert.True(SameJson("""{"team": "billing"}""", (await ApiJson.ReadAsync(read)).GetProperty("metadata")));
    }

    [Fact]
    public async Task ScheduleJobs_on_the_bus_rejects_the_job_over_the_limit_and_stores_the_others()
    {
        var (ok, tooMuch) = (Guid.NewGuid(), Guid.NewGuid());

        var answer = await Bus.CreateRequestClient<ScheduleJobs>().GetResponse<JobsScheduled>(new ScheduleJobs
        {
            Jobs =
            [
                new ScheduleJob { JobId = ok, Name = "bus batch metadata", Handler = "noop", Schedule = new JobSchedule { Every = TimeSpan.FromHours(1) },
                    Metadata = new Dictionary<string, JsonElement> { ["n"] = JsonSerializer.SerializeToElement(3) } },
                new ScheduleJob { JobId = tooMuch, Name = "bus batch metadata too much", Handler = "noop",
                    Metadata = new Dictionary<string, JsonElement> { ["blob"] = JsonSerializer.SerializeToElement(OverLimit) } },
            ],
        });

        Assert.True(answer.Message.Results[0].Accepted);
        Assert.False(answer.Message.Results[1].Accepted);
        Assert.Equal("metadata", Assert.Single(answer.Message.Results[1].Errors).Field);
        await using var db = deployment.OpenDatabase();
        Assert.True(await db.Jobs.AnyAsync(j => j.CorrelationId == ok));
        Assert.False(await db.Jobs.AnyAsync(j => j.CorrelationId == tooMuch));
    }
}

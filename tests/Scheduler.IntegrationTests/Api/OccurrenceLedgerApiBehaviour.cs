using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Scheduler.Contracts.Serialization;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Api;

/// <summary>The occurrence ledger through the REST API, on whichever deployment the derived class names.</summary>
public abstract class OccurrenceLedgerApiBehaviour(IApiDeployment deployment)
{
    static readonly JsonSerializerOptions Json = SchedulerJson.CreateOptions();

    async Task<Guid> CreateJobAsync(object job)
    {
        using var created = await deployment.Api.PostAsJsonAsync("/api/jobs", job, Json);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    async Task<List<JsonElement>> LedgerAsync(Guid jobId, string query = "") =>
        (await deployment.Api.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/occurrences?{query}")).GetProperty("items").EnumerateArray().ToList();

    static string Fate(JsonElement entry) => entry.GetProperty("fate").GetString()!;

    [Fact]
    public async Task The_ledger_shows_each_due_instant_with_its_run_or_its_exclusion_oldest_first_in_pages()
    {
        var calendar = $"odd-{Guid.NewGuid():N}"[..20];
        (await deployment.Api.PutAsJsonAsync($"/api/calendars/{calendar}", new { exclude = new { cron = "*/2 * * * * *" } }, Json)).Dispose();
        var jobId = await CreateJobAsync(new { name = "ledger", handler = "noop", schedule = new { cron = "* * * * * *", calendar } });

        var ledger = await Eventually.Until(() => LedgerAsync(jobId), l => l.Count(e => Fate(e) == "ran") >= 2 && l.Any(e => Fate(e) == "excluded"),
            "runs and exclusions in the ledger");
        (await deployment.Api.DeleteAsync($"/api/jobs/{jobId}")).Dispose();

        var runs = (await deployment.Api.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}/runs")).EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetGuid(), r => r.GetProperty("scheduledFor").GetDateTimeOffset());
        foreach (var entry in ledger)
        {
            var dueAt = entry.GetProperty("dueAt").GetDateTimeOffset();
            if (Fate(entry) == "ran")
                Assert.Equal(dueAt, runs[entry.GetProperty("runId").GetGuid()]);
            else
                Assert.Equal(("excluded", 0, $"calendar '{calendar}': cron */2 * * * * *"), (Fate(entry), dueAt.Second % 2, entry.GetProperty("detail").GetString()));
        }

        var dueInstants = ledger.Select(e => e.GetProperty("dueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(dueInstants.Order(), dueInstants);

        using var firstPage = await deployment.Api.GetAsync($"/api/jobs/{jobId}/occurrences?limit=1");
        var first = await firstPage.Content.ReadFromJsonAsync<JsonElement>();
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await LedgerAsync(jobId, $"limit=1&cursor={cursor}");
        Assert.Equal(dueInstants[1], Assert.Single(second).GetProperty("dueAt").GetDateTimeOffset());
        var from = await LedgerAsync(jobId, $"from={dueInstants[1]:yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Equal(dueInstants[1], from[0].GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_occurrence_the_overlap_rule_drops_is_in_the_ledger_as_skipped()
    {
        var jobId = await CreateJobAsync(new
        {
            name = "ledger overlap", handler = "sleep", payload = new { duration = "PT3S" },
            schedule = new { cron = "* * * * * *" }, concurrency = new { maxInstances = 1, overlap = "skip" },
        });

        var ledger = await Eventually.Until(() => LedgerAsync(jobId), l => l.Any(e => Fate(e) == "skipped"), "an occurrence skipped by overlap");
        (await deployment.Api.DeleteAsync($"/api/jobs/{jobId}")).Dispose();

        Assert.Equal("overlap skip: the job is at its limit", ledger.First(e => Fate(e) == "skipped").GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=nope", "cursor")]
    public async Task A_bad_ledger_query_is_refused_naming_the_parameter(string query, string field)
    {
        var jobId = await CreateJobAsync(new { name = "ledger query", handler = "noop", schedule = new { cron = "0 9 * * *" } });

        using var response = await deployment.Api.GetAsync($"/api/jobs/{jobId}/occurrences?{query}");

        await FieldProblem.AssertNamesAsync(response, field);
    }

    [Fact]
    public async Task The_ledger_of_an_unknown_job_is_not_found()
    {
        using var response = await deployment.Api.GetAsync($"/api/jobs/{Guid.NewGuid()}/occurrences");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

using System.Text.Json;
using Microsoft.Playwright;
using Scheduler.IntegrationTests.Infrastructure;
using static Scheduler.IntegrationTests.Dashboard.DashboardBrowser;

namespace Scheduler.IntegrationTests.Dashboard;

/// <summary>The dashboard's runs in a real browser: a new run appears without a reload, a dead letter is replayed, the overview charts them.</summary>
[Collection(DashboardDeploymentDefinition.Name)]
public sealed class DashboardRunsTests(DashboardDeployment deployment)
{
    [Fact]
    public async Task The_runs_page_shows_a_new_run_by_itself_without_a_reload()
    {
        var jobId = await CreateJobAsync(deployment.Api, $$$"""{"name": "{{{Unique("soon")}}}", "handler": "noop", "schedule": {"delay": "PT2S"}}""");

        await using var context = await deployment.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, DashboardDeployment.AdminKey);
        await page.GotoAsync($"/dashboard/runs?jobId={jobId}");
        await Assertions.Expect(page.Locator("#runs tr[data-run-id]")).ToHaveCountAsync(0);
        await page.EvaluateAsync("() => { window.sameDocument = 'yes'; }");

        await Assertions.Expect(page.Locator("#runs tr[data-status=succeeded]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        Assert.Equal("yes", await page.EvaluateAsync<string>("() => window.sameDocument"));
        await Screenshots.TakeAsync(page, "runs");

        // The time range filters on when runs were scheduled, as GET /api/runs does, and a bad instant is named.
        await page.ClickAsync("a:text-is('hour')");
        await Assertions.Expect(page.Locator("#runs tr[data-status=succeeded]")).ToHaveCountAsync(1);
        Assert.Contains("from=", page.Url, StringComparison.Ordinal);
        await page.GotoAsync($"/dashboard/runs?jobId={jobId}&to=2020-01-01T00:00:00Z");
        await Assertions.Expect(page.Locator("#runs tr[data-run-id]")).ToHaveCountAsync(0);
        await page.GotoAsync($"/dashboard/runs?jobId={jobId}&from=yesterday");
        await Assertions.Expect(page.Locator(".flash.failure")).ToContainTextAsync("from must be an ISO 8601 instant");
    }

    [Fact]
    public async Task A_dead_letter_is_listed_with_its_error_and_replayed_from_the_dashboard()
    {
        var jobId = await CreateJobAsync(deployment.Api,
            $$$"""{"name": "{{{Unique("always-fails")}}}", "handler": "fail", "payload": {"message": "disk full", "permanent": true}, "retry": {"maxAttempts": 1}}""");
        var dead = await Eventually.Until(() => GetAsync(deployment.Api, $"/api/runs?jobId={jobId}&status=faulted"),
            runs => runs.GetProperty("items").GetArrayLength() == 1, "the job's run to end as a dead letter");
        var deadRunId = dead.GetProperty("items")[0].GetProperty("id").GetGuid();

        await using var context = await deployment.NewContextAsync();
        var page = await context.NewPageAsync();
        AcceptConfirmations(page);
        await SignInAsync(page, DashboardDeployment.AdminKey);
        await page.ClickAsync("header nav a[href='/dashboard/runs?status=faulted']");
        var row = page.Locator($"#runs tr[data-run-id='{deadRunId}']");
        await Assertions.Expect(row).ToContainTextAsync("disk full");
        await Screenshots.TakeAsync(page, "dead-letters");

        await row.Locator("button", new() { HasTextString = "Replay" }).ClickAsync();
        await Assertions.Expect(page.Locator(".flash.notice")).ToContainTextAsync("replayed");
        await Assertions.Expect(page.Locator($"#runs tr[data-run-id='{deadRunId}']")).ToContainTextAsync("replayed");

        var runs = await GetAsync(deployment.Api, $"/api/jobs/{jobId}/runs");
        Assert.Contains(runs.EnumerateArray(), r => r.TryGetProperty("replayOf", out var of) && of.ValueKind == JsonValueKind.String && of.GetGuid() == deadRunId);
        var audit = await GetAsync(deployment.Api, $"/api/jobs/{jobId}/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("actor").GetString() == "dashboard:admin");
    }

    [Fact]
    public async Task The_overview_counts_jobs_and_runs_and_charts_the_runs_of_the_last_hour()
    {
        var jobId = await CreateJobAsync(deployment.Api, $$$"""{"name": "{{{Unique("counted")}}}", "handler": "noop"}""");
        await Eventually.Until(() => GetAsync(deployment.Api, $"/api/jobs/{jobId}/runs"),
            runs => runs.EnumerateArray().Any(r => r.GetProperty("status").GetString() == "succeeded"), "the job's run to succeed");

        await using var context = await deployment.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, DashboardDeployment.AdminKey);
        await Assertions.Expect(page.Locator("#jobs-by-status")).ToContainTextAsync("completed");
        await Assertions.Expect(page.Locator("svg#runs-chart rect").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#handler-figures")).ToContainTextAsync("noop");
        await Screenshots.TakeAsync(page, "overview");

        await page.GotoAsync("/dashboard/handlers");
        await Assertions.Expect(page.Locator("section[data-handler=noop]")).ToBeVisibleAsync();
        await Screenshots.TakeAsync(page, "handlers");

        // On a phone the pages fit the screen's width: wide tables scroll inside their own box.
        await page.SetViewportSizeAsync(390, 844);
        foreach (var path in new[] { "/dashboard", "/dashboard/jobs", "/dashboard/runs", $"/dashboard/jobs/{jobId}", "/dashboard/handlers" })
        {
            await page.GotoAsync(path);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} is {overflow} px wider than a phone's screen");
        }
        await page.GotoAsync("/dashboard");
        await Screenshots.TakeAsync(page, "overview-phone");
    }

    [Fact]
    public async Task An_admin_pauses_and_resumes_the_whole_scheduler_from_the_dashboard()
    {
        await using var context = await deployment.NewContextAsync();
        var page = await context.NewPageAsync();
        AcceptConfirmations(page);
        await SignInAsync(page, DashboardDeployment.AdminKey);
        try
        {
            await page.ClickAsync("header nav a[href='/dashboard/scheduler']");
            await page.ClickAsync("button[value=pause-scheduler]");
            await Assertions.Expect(page.Locator("#scheduler-state")).ToHaveTextAsync("paused");
            var state = await GetAsync(deployment.Api, "/api/scheduler");
            Assert.True(state.GetProperty("paused").GetBoolean());
            Assert.Equal("dashboard:admin", state.GetProperty("changedBy").GetString());
            await Screenshots.TakeAsync(page, "scheduler");

            await page.ClickAsync("button[value=resume-scheduler]");
            await Assertions.Expect(page.Locator("#scheduler-state")).ToHaveTextAsync("running");

            await Assertions.Expect(page.Locator("#transport-dead-letters")).ToContainTextAsync("_error");
            await page.ClickAsync("button[value=requeue]");
            await Assertions.Expect(page.Locator(".flash.notice")).ToContainTextAsync("moved back to their queues");
        }
        finally
        {
            using var resumed = await deployment.Api.PostAsync("/api/scheduler/resume", null);
        }

        Assert.False((await GetAsync(deployment.Api, "/api/scheduler")).GetProperty("paused").GetBoolean());
    }
}

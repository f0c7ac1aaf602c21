using System.Text.Json;
using Microsoft.Playwright;
using Scheduler.IntegrationTests.Infrastructure;
using static Scheduler.IntegrationTests.Dashboard.DashboardBrowser;

namespace Scheduler.IntegrationTests.Dashboard;

/// <summary>The dashboard's jobs in a real browser: the list and its filters, a job's page, and the actions on a job.</summary>
[Collection(DashboardDeploymentDefinition.Name)]
public sealed class DashboardJobsTests(DashboardDeployment deployment)
{
    [Fact]
    public async Task An_operator_signs_in_filters_the_jobs_and_opens_one_with_its_definition_next_occurrences_and_audit_trail()
    {
        var wanted = Unique("nightly-report");
        var other = Unique("hourly-sync");
        var jobId = await CreateJobAsync(deployment.Api, $$$"""{"name": "{{{wanted}}}", "handler": "noop", "schedule": {"cron": "0 2 * * *", "timeZone": "Europe/Berlin"}}""");
        await CreateJobAsync(deployment.Api, $$$"""{"name": "{{{other}}}", "handler": "noop", "schedule": {"every": "PT1H"}}""");

        await using var context = await deployment.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, DashboardDeployment.AdminKey);

        await page.GotoAsync("/dashboard/jobs");
        await Assertions.Expect(page.Locator($"tr[data-job-id='{jobId}']")).ToBeVisibleAsync();
        await page.FillAsync("input[name=name]", wanted);
        await page.ClickAsync("form.filters button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("name=" + wanted, StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("tbody tr[data-job-id]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"tr[data-job-id='{jobId}']")).ToContainTextAsync("scheduled");
        await Screenshots.TakeAsync(page, "jobs");

        await page.ClickAsync($"a[href='/dashboard/jobs/{jobId}']");
        await page.WaitForURLAsync($"**/dashboard/jobs/{jobId}");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(wanted);
        await Assertions.Expect(page.Locator("#schedule-words")).ToHaveTextAsync("every day at 02:00 in Europe/Berlin");
        await Assertions.Expect(page.Locator("#definition")).ToContainTextAsync("\"cron\": \"0 2 * * *\"");
        await Assertions.Expect(page.Locator("#occurrences li")).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("#occurrences li").First).ToContainTextAsync("Europe/Berlin");
        await Assertions.Expect(page.Locator("#audit tbody tr").First).ToContainTextAsync("key:admin");
        await Screenshots.TakeAsync(page, "job");
    }

    [Fact]
    public async Task Triggering_a_job_from_its_page_asks_first_runs_it_and_records_the_dashboard_in_the_audit_trail()
    {
        var name = Unique("on-demand");
        var jobId = await CreateJobAsync(deployment.Api,
            $$$"""{"name": "{{{name}}}", "handler": "sleep", "payload": {"duration": "PT2S"}, "schedule": {"every": "P1D"}}""");

        await using var context = await deployment.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, DashboardDeployment.AdminKey);
        await page.GotoAsync($"/dashboard/jobs/{jobId}");
        await Assertions.Expect(page.Locator("#runs tbody tr[data-run-id]")).ToHaveCountAsync(0);

        // Dismissing the confirmation sends nothing.
        page.Dialog += DismissOnce;
        await page.ClickAsync("button[value=trigger]");
        page.Dialog -= DismissOnce;
        Assert.Equal(0, (await GetAsync(deployment.Api, $"/api/jobs/{jobId}/runs")).GetArrayLength());

        AcceptConfirmations(page);
        await page.ClickAsync("button[value=trigger]");
        await Assertions.Expect(page.Locator(".flash.notice")).ToContainTextAsync("triggered");
        await Assertions.Expect(page.Locator("#audit td.actor", new() { HasTextString = "dashboard:admin" }).First).ToBeVisibleAsync();
        // The run, two seconds long, succeeds on the page by itself: the page refreshes its runs without a reload.
        await page.EvaluateAsync("() => { window.sameDocument = 'yes'; }");
        await Assertions.Expect(page.Locator("#runs tr[data-status=succeeded]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        Assert.Equal("yes", await page.EvaluateAsync<string>("() => window.sameDocument"));

        var audit = await GetAsync(deployment.Api, $"/api/jobs/{jobId}/audit");
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("actor").GetString() == "dashboard:admin");

        await page.ClickAsync("button[value=pause]");
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("paused");
        await page.ClickAsync("button[value=resume]");
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("scheduled");
        await page.ClickAsync("button[value=cancel]");
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("cancelled");
        await page.ClickAsync("button[value=delete]");
        await Assertions.Expect(page.Locator(".flash.notice")).ToContainTextAsync("deleted");

        var job = await GetAsync(deployment.Api, $"/api/jobs/{jobId}");
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("deletedAt").ValueKind);
        var events = (await GetAsync(deployment.Api, $"/api/jobs/{jobId}/audit")).EnumerateArray()
            .Where(e => e.GetProperty("actor").GetString() == "dashboard:admin").Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.True(events.Count >= 5, $"the audit trail names the dashboard for {string.Join(", ", events)}");
    }

    [Fact]
    public async Task The_jobs_list_pages_through_the_filtered_jobs_keeping_the_filter()
    {
        var prefix = Unique("paged");
        var jobs = string.Join(", ", Enumerable.Range(1, JobsPage + 2).Select(i => $$$"""{"name": "{{{prefix}}}-{{{i:00}}}", "handler": "noop", "schedule": {"every": "P1D"}}"""));
        using var created = await deployment.Api.PostAsync("/api/jobs/batch",
            new StringContent($$$"""{"jobs": [{{{jobs}}}]}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        await using var context = await deployment.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, DashboardDeployment.AdminKey);
        await page.GotoAsync($"/dashboard/jobs?name={prefix}");
        await Assertions.Expect(page.Locator("tbody tr[data-job-id]")).ToHaveCountAsync(JobsPage);

        await page.ClickAsync("a[rel=next]");
        await page.WaitForURLAsync(url => url.Contains("cursor=", StringComparison.Ordinal));
        var rest = page.Locator("tbody tr[data-job-id]");
        await Assertions.Expect(rest).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("a[rel=next]")).ToHaveCountAsync(0);
        var names = await rest.Locator("td:first-child").AllInnerTextsAsync();
        Assert.All(names, name => Assert.StartsWith(prefix, name, StringComparison.Ordinal));
    }

    // The dashboard's page of jobs (JobsModel.PageSize).
    const int JobsPage = 25;

    static void DismissOnce(object? sender, IDialog dialog) => _ = dialog.DismissAsync();
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Scheduler.IntegrationTests.Infrastructure;
using static Scheduler.IntegrationTests.Dashboard.DashboardBrowser;

namespace Scheduler.IntegrationTests.Dashboard;

/// <summary>The dashboard of the production deployment: PostgreSQL (row-level security for members) and RabbitMQ with a consumer host.</summary>
public sealed class DashboardProductionTests
{
    [Fact]
    public async Task On_PostgreSQL_and_RabbitMQ_a_member_triggers_its_job_and_watches_the_run_appear_but_never_sees_another_tenant()
    {
        await using var infrastructure = await IsolatedDeployment.StartAsync();
        await using var deployment = await DashboardDeployment.StartAsync(infrastructure.PostgresConnectionString, infrastructure.RabbitMqUri);

        var tenant = Unique("globex");
        using var created = await deployment.Api.PostAsync("/api/keys",
            new StringContent($$$"""{"name": "{{{tenant}}}", "tenantId": "{{{tenant}}}", "role": "member"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var memberKey = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        using var member = deployment.Client(memberKey);
        var mine = await CreateJobAsync(member, $$$"""{"name": "{{{Unique("globex-report")}}}", "handler": "noop", "schedule": {"every": "P1D"}}""");
        var theirs = await CreateJobAsync(deployment.Api, $$$"""{"name": "{{{Unique("default-report")}}}", "handler": "noop", "schedule": {"every": "P1D"}}""");

        await using var context = await deployment.NewContextAsync();
        var page = await context.NewPageAsync();
        AcceptConfirmations(page);
        await SignInAsync(page, memberKey);
        await page.GotoAsync("/dashboard/jobs");
        await Assertions.Expect(page.Locator($"tr[data-job-id='{mine}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"tr[data-job-id='{theirs}']")).ToHaveCountAsync(0);
        Assert.Equal(404, (await page.GotoAsync($"/dashboard/jobs/{theirs}"))!.Status);

        await page.GotoAsync($"/dashboard/jobs/{mine}");
        await page.EvaluateAsync("() => { window.sameDocument = 'yes'; }");
        await page.ClickAsync("button[value=trigger]");
        await Assertions.Expect(page.Locator(".flash.notice")).ToContainTextAsync("triggered");
        await page.EvaluateAsync("() => { window.sameDocument = 'yes'; }");
        await Assertions.Expect(page.Locator("#runs tr[data-status=succeeded]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        Assert.Equal("yes", await page.EvaluateAsync<string>("() => window.sameDocument"));
        await Assertions.Expect(page.Locator("#audit td.actor", new() { HasTextString = "dashboard" }).First).ToBeVisibleAsync();

        // Every page a member can open works under row-level security.
        foreach (var path in new[] { "/dashboard/runs", "/dashboard/runs?status=faulted", "/dashboard/handlers", "/dashboard/jobs?status=scheduled" })
            Assert.Equal(200, (await page.GotoAsync(path))!.Status);
        await page.GotoAsync("/dashboard");
        await Assertions.Expect(page.Locator("svg#runs-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#jobs-by-status a[href='/dashboard/jobs?status=scheduled'] strong")).ToHaveTextAsync("1");
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Npgsql;
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
        await Assertions.Expect(page.Locator("#audit td.actor", new() { HasTextString = "dashboard:" }).First).ToBeVisibleAsync();

        // Every page a member can open works under row-level security.
        foreach (var path in new[] { "/dashboard/runs", "/dashboard/runs?status=faulted", "/dashboard/handlers", "/dashboard/jobs?status=scheduled" })
            Assert.Equal(200, (await page.GotoAsync(path))!.Status);
        await page.GotoAsync("/dashboard");
        await Assertions.Expect(page.Locator("svg#runs-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#jobs-by-status a[href='/dashboard/jobs?status=scheduled'] strong")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task While_the_database_is_unreachable_a_page_says_so_with_503_and_comes_back_by_itself()
    {
        var server = new NpgsqlConnectionStringBuilder(RealInfrastructure.FromEnvironment().Postgres);
        await using var relay = TcpRelay.To(server.Host!, server.Port);
        await using var infrastructure = await IsolatedDeployment.StartAsync(withConsumers: false);
        await using var deployment = await DashboardDeployment.StartAsync(
            new NpgsqlConnectionStringBuilder(infrastructure.PostgresConnectionString) { Port = relay.Port }.ConnectionString, infrastructure.RabbitMqUri);

        await using var context = await deployment.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, DashboardDeployment.AdminKey);
        relay.Cut();
        try
        {
            var unavailable = await page.GotoAsync("/dashboard/jobs");
            Assert.Equal(503, unavailable!.Status);
            await Assertions.Expect(page.Locator("#unavailable")).ToContainTextAsync("could not serve this page in time");
        }
        finally
        {
            relay.Restore();
        }

        // The page reloads itself and shows the jobs once the database answers again.
        await Assertions.Expect(page.Locator("form.filters")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }
}

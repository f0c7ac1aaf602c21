using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Scheduler.IntegrationTests.Infrastructure;
using static Scheduler.IntegrationTests.Dashboard.DashboardBrowser;

namespace Scheduler.IntegrationTests.Dashboard;

/// <summary>Who may see and do what on the dashboard: keys, tenants, roles, anti-forgery, and the open API's warning.</summary>
[Collection(DashboardDeploymentDefinition.Name)]
public sealed class DashboardAccessTests(DashboardDeployment deployment)
{
    [Fact]
    public async Task A_member_key_sees_only_its_tenant_and_no_admin_action_and_a_forced_one_is_refused()
    {
        var tenant = Unique("acme");
        using var created = await deployment.Api.PostAsync("/api/keys",
            new StringContent($$$"""{"name": "{{{tenant}}} operator", "tenantId": "{{{tenant}}}", "role": "member"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var memberKey = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        using var member = deployment.Client(memberKey);
        var mine = await CreateJobAsync(member, $$$"""{"name": "{{{Unique("acme-job")}}}", "handler": "noop", "schedule": {"every": "P1D"}}""");
        var theirs = await CreateJobAsync(deployment.Api, $$$"""{"name": "{{{Unique("default-job")}}}", "handler": "noop", "schedule": {"every": "P1D"}}""");

        await using var context = await deployment.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, memberKey);
        await Assertions.Expect(page.Locator("header .who")).ToContainTextAsync($"{tenant} · member");
        await Assertions.Expect(page.Locator("header nav a[href='/dashboard/scheduler']")).ToHaveCountAsync(0);

        await page.GotoAsync("/dashboard/jobs");
        await Assertions.Expect(page.Locator($"tr[data-job-id='{mine}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"tr[data-job-id='{theirs}']")).ToHaveCountAsync(0);
        var other = await page.GotoAsync($"/dashboard/jobs/{theirs}");
        Assert.Equal(404, other!.Status);
        var admin = await page.GotoAsync("/dashboard/scheduler");
        Assert.Equal(403, admin!.Status);

        // A member who forges the admin action's form, with a valid anti-forgery token of its own session, is refused.
        await page.GotoAsync("/dashboard/jobs");
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var forced = await context.APIRequest.PostAsync("/dashboard/scheduler?handler=Pause",
            new() { Form = context.APIRequest.CreateFormData().Set("__RequestVerificationToken", token), MaxRedirects = 0 });
        Assert.Equal(403, forced.Status);
        Assert.False((await GetAsync(deployment.Api, "/api/scheduler")).GetProperty("paused").GetBoolean());

        // Nor can it act on another tenant's job.
        var acted = await context.APIRequest.PostAsync($"/dashboard/jobs/{theirs}?handler=Pause",
            new() { Form = context.APIRequest.CreateFormData().Set("__RequestVerificationToken", token), MaxRedirects = 0 });
        Assert.Equal(404, acted.Status);
        Assert.Equal("scheduled", (await GetAsync(deployment.Api, $"/api/jobs/{theirs}")).GetProperty("status").GetString());
        await Screenshots.TakeAsync(page, "member-jobs");
    }

    [Fact]
    public async Task A_form_posted_without_its_anti_forgery_token_is_refused_and_changes_nothing()
    {
        var jobId = await CreateJobAsync(deployment.Api, $$$"""{"name": "{{{Unique("guarded")}}}", "handler": "noop", "schedule": {"every": "P1D"}}""");
        await using var context = await deployment.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, DashboardDeployment.AdminKey);
        await page.GotoAsync($"/dashboard/jobs/{jobId}");

        // The browser sends the dashboard's cookies, as a forged cross-site form would if SameSite did not stop it.
        var forged = await context.APIRequest.PostAsync($"/dashboard/jobs/{jobId}?handler=Pause",
            new() { Form = context.APIRequest.CreateFormData().Set("action", "pause"), MaxRedirects = 0 });
        Assert.Equal(400, forged.Status);
        var wrong = await context.APIRequest.PostAsync($"/dashboard/jobs/{jobId}?handler=Pause",
            new() { Form = context.APIRequest.CreateFormData().Set("__RequestVerificationToken", "forged"), MaxRedirects = 0 });
        Assert.Equal(400, wrong.Status);

        Assert.Equal("scheduled", (await GetAsync(deployment.Api, $"/api/jobs/{jobId}")).GetProperty("status").GetString());
        var audit = await GetAsync(deployment.Api, $"/api/jobs/{jobId}/audit");
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("actor").GetString()!.StartsWith("dashboard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_visitor_without_a_key_is_sent_to_sign_in_and_a_refused_key_is_said_so()
    {
        await using var context = await deployment.NewContextAsync();
        var page = await context.NewPageAsync();
        var login = await page.GotoAsync("/dashboard/runs");
        Assert.Equal("/dashboard/login", new Uri(page.Url).AbsolutePath);
        // No other site may frame the dashboard, and the page loads only its own stylesheet and script.
        var headers = await login!.AllHeadersAsync();
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("DENY", headers["x-frame-options"]);
        await Assertions.Expect(page.Locator("header nav")).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(page, "login");

        await page.FillAsync("input[name=apiKey]", "sk_not-a-key");
        await page.ClickAsync("form button[type=submit]");
        await Assertions.Expect(page.Locator(".flash.failure")).ToContainTextAsync("not accepted");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dashboard/login");

        var cookies = await context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name == "scheduler-dashboard-key");
        await SignInAsync(page, DashboardDeployment.AdminKey);
        var key = Assert.Single(await context.CookiesAsync(), c => c.Name == "scheduler-dashboard-key");
        Assert.True(key.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, key.SameSite);
        Assert.Equal("/dashboard", key.Path);
        await Assertions.Expect(page.Locator("#open-api-warning")).ToHaveCountAsync(0);

        await page.ClickAsync("header .who button");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dashboard/login");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "scheduler-dashboard-key");
        await page.GotoAsync("/dashboard/jobs");
        Assert.Equal("/dashboard/login", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task Without_an_admin_key_the_dashboard_is_open_and_shows_the_open_API_warning()
    {
        var open = new EmbeddedDeployment();
        await open.InitializeAsync();
        try
        {
            var html = await open.Api.GetStringAsync("/dashboard");
            Assert.Contains("id=\"open-api-warning\"", html, StringComparison.Ordinal);
            Assert.Contains("SCHEDULER_ADMIN_API_KEY is not set", html, StringComparison.Ordinal);
            Assert.Contains("default · admin", html, StringComparison.Ordinal);
        }
        finally
        {
            await open.DisposeAsync();
        }
    }
}

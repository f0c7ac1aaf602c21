using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Dashboard;

/// <summary>What the dashboard's browser tests do again and again: sign in, create a job through the API, read it back.</summary>
internal static class DashboardBrowser
{
    public static async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync("/dashboard/login");
        await page.FillAsync("input[name=apiKey]", key);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dashboard");
    }

    /// <summary>Answers every confirmation the dashboard asks (its actions ask before they post).</summary>
    public static void AcceptConfirmations(IPage page) =>
        page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();

    public static async Task<Guid> CreateJobAsync(HttpClient api, string body)
    {
        using var created = await api.PostAsync("/api/jobs", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> GetAsync(HttpClient api, string path) =>
        await api.GetFromJsonAsync<JsonElement>(path);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
}

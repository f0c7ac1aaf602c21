using Microsoft.Playwright;

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>
/// Writes screenshots of dashboard pages into the test results: <c>TestResults/dashboard</c> beside the test project (or
/// under <c>SCHEDULER_TEST_RESULTS</c>), where CI keeps them with the TRX files.
/// </summary>
public static class Screenshots
{
    public static string Directory
    {
        get
        {
            var root = Environment.GetEnvironmentVariable("SCHEDULER_TEST_RESULTS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(ProjectDirectory(), "TestResults");
            return System.IO.Directory.CreateDirectory(Path.Combine(root, "dashboard")).FullName;
        }
    }

    public static Task TakeAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, name + ".png"), FullPage = true });
    }

    static string ProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (directory.EnumerateFiles("*.csproj").Any())
                return directory.FullName;
        return AppContext.BaseDirectory;
    }
}

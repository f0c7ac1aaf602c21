using System.Globalization;
using Scheduler.IntegrationTests.Infrastructure;

namespace Scheduler.IntegrationTests.Templates;

/// <summary>
/// The <c>scheduler-worker</c> template (templates/content/scheduler-worker), used as a team would: installed with
/// <c>dotnet new install</c>, instantiated, restored against the SDK packed from this repository, built, and tested.
/// Offline: the SDK comes from a local feed of its own, everything else from this machine's packages folder.
/// </summary>
public sealed class WorkerTemplateTests : IDisposable
{
    // Restore, build and test of a fresh two-project solution; generous for a loaded two-core machine.
    static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(5);

    // A version no registry serves, so the restore can only take the packages packed here.
    const string PackageVersion = "1.0.0-template-test";

#if DEBUG
    const string Configuration = "Debug";
#else
    const string Configuration = "Release";
#endif

    readonly string _root = Path.Combine(Path.GetTempPath(), $"scheduler-template-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_worker_created_from_the_template_builds_against_the_packed_sdk_and_its_tests_pass()
    {
        var repository = RepositoryCheckout.Root();
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed")).FullName;
        var hive = Path.Combine(_root, "hive");
        var work = Directory.CreateDirectory(Path.Combine(_root, "work")).FullName;

        // The SDK and its contracts, packed from the build the tests run on (no second build).
        foreach (var project in new[] { "src/Scheduler.Contracts", "src/Scheduler.Consumers" })
        {
            await Succeeds(repository, "pack", project, "-c", Configuration, "--no-build", "--no-restore", "-o", feed,
                $"-p:PackageVersion={PackageVersion}", $"-p:NuspecOutputPath={Path.Combine(_root, "nuspec")}/");
        }

        // A hive of its own, so the test neither sees nor changes the templates this machine's user installed.
        await Succeeds(work, "new", "install", Path.Combine(repository, "templates", "content", "scheduler-worker"), "--debug:custom-hive", hive);
        await Succeeds(work, "new", "scheduler-worker", "-n", "Billing.Jobs", "--handler-name", "billing.invoice",
            "--scheduler-version", PackageVersion, "--debug:custom-hive", hive);

        var worker = Path.Combine(work, "Billing.Jobs");
        Assert.True(File.Exists(Path.Combine(worker, "Billing.Jobs.sln")), "the solution is named after the worker");
        Assert.True(File.Exists(Path.Combine(worker, "Dockerfile")));
        Assert.True(File.Exists(Path.Combine(worker, "README.md")));
        var handler = await File.ReadAllTextAsync(Path.Combine(worker, "src", "Billing.Jobs", "Handlers", "GreetingHandler.cs"));
        Assert.Contains("namespace Billing.Jobs.Handlers;", handler, StringComparison.Ordinal);
        Assert.Contains("\"billing.invoice\"", handler, StringComparison.Ordinal);

        await File.WriteAllTextAsync(Path.Combine(worker, "nuget.config"), NuGetConfig(feed));
        var packages = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") };

        var (_, output) = await Succeeds(worker, packages, "test", "-c", "Release");
        Assert.Matches(@"Passed!\s+-\s+Failed:\s+0,\s+Passed:\s+[1-9]", output);
    }

    [Fact]
    public async Task The_template_package_packs_and_installs_the_scheduler_worker_template()
    {
        var repository = RepositoryCheckout.Root();
        var packages = Directory.CreateDirectory(Path.Combine(_root, "templates")).FullName;
        var hive = Path.Combine(_root, "hive");

        await Succeeds(repository, "pack", Path.Combine("templates", "Scheduler.Templates.csproj"), "-o", packages,
            $"-p:BaseOutputPath={Path.Combine(_root, "bin")}/", $"-p:NuspecOutputPath={Path.Combine(_root, "nuspec")}/");
        var package = Assert.Single(Directory.GetFiles(packages, "Scheduler.Templates.*.nupkg"));
        await Succeeds(_root, "new", "install", package, "--debug:custom-hive", hive);

        var (_, listed) = await Succeeds(_root, "new", "list", "scheduler-worker", "--debug:custom-hive", hive);
        Assert.Contains("scheduler-worker", listed, StringComparison.Ordinal);
    }

    /// <summary>
    /// The local feed, then the machine's own sources; packages this machine has already restored come from its packages
    /// folder (a fallback folder), so nothing but the SDK is fetched. Restored packages go to a folder of the test's own
    /// (NUGET_PACKAGES), so the machine's folder never holds the test's packages.
    /// </summary>
    static string NuGetConfig(string feed)
    {
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="scheduler-sdk" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
            </configuration>
            """;
    }

    static Task<(int ExitCode, string Output)> Succeeds(string directory, params string[] arguments) =>
        Succeeds(directory, null, arguments);

    static async Task<(int ExitCode, string Output)> Succeeds(string directory, IReadOnlyDictionary<string, string>? environment,
        params string[] arguments)
    {
        var result = await DotnetCommand.RunAsync(directory, arguments, StepTimeout, environment);
        Assert.True(result.ExitCode == 0,
            string.Create(CultureInfo.InvariantCulture, $"dotnet {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Output}"));
        return result;
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}

namespace Scheduler.IntegrationTests.Infrastructure;

/// <summary>The repository the tests were built from, for tests that use its files (templates, docs).</summary>
public static class RepositoryCheckout
{
    /// <summary>The folder that holds Scheduler.sln, found upwards from the test's output folder.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Scheduler.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"No Scheduler.sln above {AppContext.BaseDirectory}.");
    }
}

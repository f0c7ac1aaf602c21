namespace Scheduler.UnitTests.Deployment;

/// <summary>The compose file that runs the whole stack, checked where Docker does not run (see <see cref="ComposeFileCheck"/>).</summary>
public sealed class ComposeFileTests : IDisposable
{
    readonly string _scratch = Directory.CreateTempSubdirectory("scheduler-compose-").FullName;

    [Fact]
    public void The_repository_compose_file_is_valid_and_every_build_context_and_dockerfile_exists()
    {
        var composeFile = Path.Combine(RepositoryCheckout.Root(), "docker-compose.yml");

        Assert.Empty(ComposeFileCheck.Problems(composeFile));
    }

    [Fact]
    public void A_compose_file_that_is_not_yaml_is_refused()
    {
        var composeFile = Write("services:\n  web:\n    image: nginx\n   build: [unclosed\n");

        Assert.Contains(ComposeFileCheck.Problems(composeFile), p => p.StartsWith("not valid YAML", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_dockerfile_context_dependency_or_volume_is_named()
    {
        Directory.CreateDirectory(Path.Combine(_scratch, "app"));
        Directory.CreateDirectory(Path.Combine(_scratch, "worker"));
        File.WriteAllText(Path.Combine(_scratch, "worker", "Dockerfile"), "FROM x\nRUN dotnet publish src/Missing/Missing.csproj -c Release\n");
        var composeFile = Write("""
            services:
              app:
                build:
                  context: ./app
                  dockerfile: Dockerfile
                depends_on: [db]
                volumes:
                  - data:/var/lib/data
              gone:
                build: ./nowhere
              worker:
                build: ./worker
              bare:
                environment:
                  A: b
            """);

        var problems = ComposeFileCheck.Problems(composeFile);

        Assert.Contains("service 'app' builds with 'Dockerfile', which does not exist in its context", problems);
        Assert.Contains("service 'app' depends on 'db', which is not a service", problems);
        Assert.Contains("service 'app' mounts volume 'data', which is not declared under 'volumes'", problems);
        Assert.Contains("service 'gone' builds from context './nowhere', which does not exist", problems);
        Assert.Contains("service 'worker': its Dockerfile publishes 'src/Missing/Missing.csproj', which does not exist in its context", problems);
        Assert.Contains("service 'bare' has neither 'image' nor 'build'", problems);
        Assert.Equal(6, problems.Count);
    }

    string Write(string yaml)
    {
        var path = Path.Combine(_scratch, "docker-compose.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}

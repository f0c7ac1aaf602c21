using System.Reflection;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;

namespace Scheduler.UnitTests.Architecture;

/// <summary>
/// The public API of the two packages other teams reference, compared with a snapshot kept in the repository
/// (<c>PublicApi/&lt;assembly&gt;.txt</c>), so that a change to a contract is made on purpose and shows in review.
/// </summary>
public sealed class PublicApiTests
{
    /// <summary>Set to 1 to write the current API over the snapshots instead of comparing.</summary>
    const string UpdateVariable = "SCHEDULER_UPDATE_API_SNAPSHOT";

    [Fact]
    public void The_public_api_of_the_contracts_matches_its_snapshot() => AssertMatchesSnapshot(typeof(ScheduleJob).Assembly);

    [Fact]
    public void The_public_api_of_the_consumer_sdk_matches_its_snapshot() => AssertMatchesSnapshot(typeof(JobHandlerRegistrationExtensions).Assembly);

    static void AssertMatchesSnapshot(Assembly assembly)
    {
        var actual = PublicApiListing.Of(assembly);
        var snapshot = Path.Combine(RepositoryCheckout.Root(), "tests", "Scheduler.UnitTests", "Architecture", "PublicApi",
            $"{assembly.GetName().Name}.txt");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
            File.WriteAllText(snapshot, actual);
            return;
        }

        var expected = File.Exists(snapshot) ? File.ReadAllText(snapshot).ReplaceLineEndings("\n") : "";
        if (expected == actual)
            return;

        var expectedLines = Qualified(expected);
        var actualLines = Qualified(actual);
        var removed = expectedLines.Except(actualLines).Select(l => "- " + l);
        var added = actualLines.Except(expectedLines).Select(l => "+ " + l);
        Assert.Fail(
            $"The public API of {assembly.GetName().Name} differs from {snapshot}:\n{string.Join('\n', removed.Concat(added))}\n\n"
            + "Other services compile against this API and read its messages by their full type names and fields. If the change "
            + "is deliberate (and compatible, or released with a new major version), update the snapshot and commit it with the change:\n"
            + $"    {UpdateVariable}=1 dotnet test tests/Scheduler.UnitTests --filter FullyQualifiedName~PublicApiTests");
    }

    /// <summary>Each member line prefixed with its type's line, so that a diff names the type it is in.</summary>
    static HashSet<string> Qualified(string listing)
    {
        var lines = new HashSet<string>(StringComparer.Ordinal);
        var type = "";
        foreach (var line in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith(' '))
            {
                lines.Add($"{type} :: {line.Trim()}");
            }
            else
            {
                type = line;
                lines.Add(line);
            }
        }

        return lines;
    }
}

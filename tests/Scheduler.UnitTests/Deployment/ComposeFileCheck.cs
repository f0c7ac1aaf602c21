using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Scheduler.UnitTests.Deployment;

/// <summary>
/// What <c>docker compose config</c> would refuse, and what would only fail at <c>docker compose build</c>, checked
/// without Docker: the file is YAML with a <c>services</c> map; each service runs an image or builds one from a context
/// and Dockerfile that exist; each project a Dockerfile publishes exists; dependencies and named volumes are declared.
/// </summary>
static partial class ComposeFileCheck
{
    /// <summary>The problems found in <paramref name="composeFile"/>, none when it is sound.</summary>
    public static IReadOnlyList<string> Problems(string composeFile)
    {
        YamlMappingNode root;
        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StringReader(File.ReadAllText(composeFile)));
            if (yaml.Documents.Count != 1 || yaml.Documents[0].RootNode is not YamlMappingNode mapping)
                return ["the file is not one YAML document with a mapping at its root"];
            root = mapping;
        }
        catch (YamlException exception)
        {
            return [$"not valid YAML: {exception.Message}"];
        }

        if (Child(root, "services") is not YamlMappingNode { Children.Count: > 0 } services)
            return ["no 'services' mapping"];

        var problems = new List<string>();
        var directory = Path.GetDirectoryName(Path.GetFullPath(composeFile))!;
        var serviceNames = services.Children.Keys.Select(Scalar).ToHashSet(StringComparer.Ordinal);
        var volumes = Child(root, "volumes") is YamlMappingNode declared
            ? declared.Children.Keys.Select(Scalar).ToHashSet(StringComparer.Ordinal)
            : [];

        foreach (var (key, node) in services.Children)
        {
            var name = Scalar(key);
            if (node is not YamlMappingNode service)
            {
                problems.Add($"service '{name}' is not a mapping");
                continue;
            }

            var image = Child(service, "image");
            var build = Child(service, "build");
            if (image is null && build is null)
                problems.Add($"service '{name}' has neither 'image' nor 'build'");
            if (build is not null)
                problems.AddRange(BuildProblems(name, build, directory));

            foreach (var dependency in Names(Child(service, "depends_on")).Where(d => !serviceNames.Contains(d)))
                problems.Add($"service '{name}' depends on '{dependency}', which is not a service");

            foreach (var volume in Names(Child(service, "volumes")).Select(v => v.Split(':')[0]))
            {
                var isPath = volume.StartsWith('.') || volume.StartsWith('/') || volume.StartsWith('~');
                if (!isPath && !volumes.Contains(volume))
                    problems.Add($"service '{name}' mounts volume '{volume}', which is not declared under 'volumes'");
            }
        }

        return problems;
    }

    static IEnumerable<string> BuildProblems(string service, YamlNode build, string composeDirectory)
    {
        var (context, dockerfile) = build switch
        {
            YamlScalarNode scalar => (Scalar(scalar), "Dockerfile"),
            YamlMappingNode mapping => (Child(mapping, "context") is { } c ? Scalar(c) : ".",
                Child(mapping, "dockerfile") is { } d ? Scalar(d) : "Dockerfile"),
            _ => ("", ""),
        };
        var contextPath = Path.GetFullPath(Path.Combine(composeDirectory, context));
        if (!Directory.Exists(contextPath))
        {
            yield return $"service '{service}' builds from context '{context}', which does not exist";
            yield break;
        }

        var dockerfilePath = Path.Combine(contextPath, dockerfile);
        if (!File.Exists(dockerfilePath))
        {
            yield return $"service '{service}' builds with '{dockerfile}', which does not exist in its context";
            yield break;
        }

        foreach (Match publish in PublishedProject().Matches(File.ReadAllText(dockerfilePath)))
        {
            var project = publish.Groups["project"].Value;
            if (!File.Exists(Path.Combine(contextPath, project)) && !Directory.Exists(Path.Combine(contextPath, project)))
                yield return $"service '{service}': its Dockerfile publishes '{project}', which does not exist in its context";
        }
    }

    /// <summary>The names in a list (<c>- a</c>) or the keys of a map (<c>a: {condition: …}</c>).</summary>
    static IEnumerable<string> Names(YamlNode? node) => node switch
    {
        YamlSequenceNode sequence => sequence.Children.OfType<YamlScalarNode>().Select(Scalar),
        YamlMappingNode mapping => mapping.Children.Keys.Select(Scalar),
        _ => [],
    };

    static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    static string Scalar(YamlNode node) => node is YamlScalarNode { Value: { } value } ? value : "";

    [GeneratedRegex(@"dotnet\s+publish\s+(?<project>[^\s]+\.csproj)", RegexOptions.CultureInvariant)]
    private static partial Regex PublishedProject();
}

using System.Reflection;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Documentation;

/// <summary>docs/configuration.md names every setting the code binds, so that the page stays true as settings are added.</summary>
public sealed class ConfigurationDocumentationTests
{
    static readonly Assembly[] ProductAssemblies =
    [
        typeof(ScheduleJob).Assembly,
        typeof(JobStateMachine).Assembly,
        typeof(JobHandlerRegistration).Assembly,
    ];

    [Fact]
    public void Every_setting_of_every_options_class_is_documented()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryCheckout.Root(), "docs", "configuration.md"));

        var missing = Settings().Where(setting => !page.Contains($"`{setting}`", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0,
            $"docs/configuration.md does not name these settings; add a row for each, with its default:\n{string.Join('\n', missing)}");
    }

    [Fact]
    public void The_settings_found_include_the_known_sections()
    {
        // Guards the test above against finding nothing (a renamed SectionName constant, say).
        var settings = Settings().ToList();

        Assert.Contains("Scheduler:Dispatcher:BatchSize", settings);
        Assert.Contains("Scheduler:Consumer:DrainTime", settings);
        Assert.Contains("Scheduler:Handlers:<name>:Concurrency", settings);
    }

    /// <summary>
    /// <c>Section:Property</c> for each public property of a type with a <c>SectionName</c> constant; a section of named
    /// options (one per handler) reads <c>Section:&lt;name&gt;:Property</c>.
    /// </summary>
    static IEnumerable<string> Settings() =>
        from type in ProductAssemblies.SelectMany(a => a.GetTypes())
        let section = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
        where section is not null
        let prefix = type == typeof(JobHandlerOptions) ? $"{section}:<name>" : section
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.CanWrite || typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType)
        orderby prefix, property.Name
        select $"{prefix}:{property.Name}";
}

using System.Reflection;
using System.Runtime.CompilerServices;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Architecture;

/// <summary>Rules the compiler does not check, checked over the built assemblies.</summary>
public sealed class ArchitectureTests
{
    static readonly Assembly[] ProductAssemblies =
    [
        typeof(ScheduleJob).Assembly,
        typeof(JobStateMachine).Assembly,
        typeof(JobHandlerRegistration).Assembly,
    ];

    [Fact]
    public void No_method_is_async_void()
    {
        var offenders = ProductAssemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(void) && m.GetCustomAttribute<AsyncStateMachineAttribute>() is not null)
            .Select(m => $"{m.DeclaringType?.FullName}.{m.Name}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_message_contract_is_a_sealed_record_in_the_contracts_namespace()
    {
        var messages = typeof(ScheduleJob).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.Namespace == "Scheduler.Contracts")
            .ToList();

        Assert.NotEmpty(messages);
        Assert.All(messages, t =>
        {
            Assert.True(t.IsSealed, $"{t.Name} is sealed");
            Assert.True(t.GetMethod("<Clone>$") is not null, $"{t.Name} is a record");
        });
    }

    [Fact]
    public void Message_contracts_carry_state_and_no_behaviour()
    {
        var withBehaviour = typeof(ScheduleJob).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.Namespace == "Scheduler.Contracts")
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && !m.Name.StartsWith('<') && m.Name is not ("Equals" or "GetHashCode" or "ToString" or "Deconstruct"
                    or "PrintMembers"))
                .Select(m => $"{t.Name}.{m.Name}")
                .Concat(t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Where(p => p.Name != "EqualityContract"
                                && t.GetField($"<{p.Name}>k__BackingField", BindingFlags.Instance | BindingFlags.NonPublic) is null)
                    .Select(p => $"{t.Name}.{p.Name} (computed)")))
            .ToList();

        Assert.Empty(withBehaviour);
    }
}

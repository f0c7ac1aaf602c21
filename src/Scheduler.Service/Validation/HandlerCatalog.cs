using System.Collections.Concurrent;
using Scheduler.Consumers.BuiltIn;

namespace Scheduler.Service.Validation;

/// <summary>
/// The handlers a job may name: the built-in ones, those configured under <c>Scheduler:KnownHandlers</c>, and every one
/// a consumer host has ever announced (loaded from the database at start, added as announcements arrive).
/// </summary>
public sealed class HandlerCatalog
{
    readonly ConcurrentDictionary<string, HandlerSource> _known = new(StringComparer.Ordinal);

    public HandlerCatalog(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var name in BuiltInHandlers.Names)
            _known[name] = HandlerSource.BuiltIn;
        foreach (var name in configuration.GetSection("Scheduler:KnownHandlers").Get<string[]>() ?? [])
            _known.TryAdd(name, HandlerSource.Configured);
    }

    public bool IsKnown(string handler) => _known.ContainsKey(handler);

    public IReadOnlyCollection<string> Names => [.. _known.Keys];

    /// <summary>Where the scheduler learnt of the handler; null when it does not know it.</summary>
    public HandlerSource? SourceOf(string handler) => _known.TryGetValue(handler, out var source) ? source : null;

    /// <summary>A consumer announced the handler: jobs may name it from now on.</summary>
    public void Announced(string handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        _known.TryAdd(handler, HandlerSource.Announced);
    }
}

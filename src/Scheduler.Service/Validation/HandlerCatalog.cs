using Scheduler.Consumers.BuiltIn;

namespace Scheduler.Service.Validation;

/// <summary>
/// The handlers a job may name: the built-in ones and those configured under
/// <c>Scheduler:KnownHandlers</c> (consumer announcements extend this in a later step).
/// </summary>
public sealed class HandlerCatalog
{
    readonly HashSet<string> _known;

    public HandlerCatalog(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration.GetSection("Scheduler:KnownHandlers").Get<string[]>() ?? [];
        _known = new HashSet<string>(BuiltInHandlers.Names.Concat(configured), StringComparer.Ordinal);
    }

    public bool IsKnown(string handler) => _known.Contains(handler);

    public IReadOnlyCollection<string> Names => _known;
}

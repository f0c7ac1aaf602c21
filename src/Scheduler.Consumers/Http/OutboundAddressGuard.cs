using System.Net;
using System.Net.Sockets;

namespace Scheduler.Consumers.Http;

/// <summary>Decides whether a request may go to a host and, once resolved, to an address.</summary>
public sealed class OutboundAddressGuard(OutboundHttpOptions options)
{
    // Metadata services that do not live in the link-local range.
    static readonly IPAddress[] Metadata = [IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200")];

    /// <summary>Why <paramref name="uri"/> may not be requested, or null when it may.</summary>
    public string? RefuseHost(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || uri.Scheme is not ("http" or "https"))
            return $"'{uri}' is not an absolute http or https URL.";

        var host = uri.IdnHost.Trim('[', ']');
        var allowed = options.AllowedHosts.Any(pattern => pattern == "*"
            || string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase)
            || (pattern.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)));
        return allowed ? null : $"Host '{host}' is not in the allow-list (Scheduler:Http:AllowedHosts).";
    }

    /// <summary>Why <paramref name="address"/> may not be connected to, or null when it may.</summary>
    public string? RefuseAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();

        var linkLocal = address.AddressFamily == AddressFamily.InterNetwork
            ? address.GetAddressBytes() is [169, 254, ..]
            : address.IsIPv6LinkLocal;
        if ((linkLocal || Metadata.Contains(address)) && !options.AllowLinkLocal)
            return $"Address {address} is link-local or a metadata service, which requests may not reach (Scheduler:Http:AllowLinkLocal).";

        return null;
    }
}

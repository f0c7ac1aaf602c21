using System.Net;
using Scheduler.Consumers.Http;

namespace Scheduler.UnitTests.Consumers.Http;

public sealed class OutboundAddressGuardTests
{
    static OutboundAddressGuard Guard(bool allowLinkLocal = false, params string[] hosts)
    {
        var options = new OutboundHttpOptions { AllowLinkLocal = allowLinkLocal };
        foreach (var host in hosts)
            options.AllowedHosts.Add(host);
        return new OutboundAddressGuard(options);
    }

    [Theory]
    [InlineData("https://api.example.com/x", true)]
    [InlineData("https://API.EXAMPLE.COM/x", true)]
    [InlineData("https://eu.hooks.example.org/x", true)]
    [InlineData("https://hooks.example.org/x", false)]
    [InlineData("https://example.com.evil.net/x", false)]
    [InlineData("https://other.com/x", false)]
    [InlineData("ftp://api.example.com/x", false)]
    public void Only_hosts_on_the_allow_list_may_be_requested(string url, bool allowed)
    {
        var guard = Guard(false, "api.example.com", "*.hooks.example.org");

        Assert.Equal(allowed, guard.RefuseHost(new Uri(url)) is null);
    }

    [Fact]
    public void Nothing_is_allowed_until_hosts_are_listed_and_a_star_allows_any()
    {
        Assert.NotNull(Guard().RefuseHost(new Uri("https://api.example.com/")));
        Assert.Null(Guard(false, "*").RefuseHost(new Uri("https://api.example.com/")));
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("::ffff:169.254.169.254")]
    public void Link_local_and_metadata_addresses_are_refused_unless_allowed(string address)
    {
        Assert.NotNull(Guard().RefuseAddress(IPAddress.Parse(address)));
        Assert.Null(Guard(allowLinkLocal: true).RefuseAddress(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.7")]
    [InlineData("93.184.216.34")]
    public void Other_addresses_may_be_reached(string address) => Assert.Null(Guard().RefuseAddress(IPAddress.Parse(address)));
}

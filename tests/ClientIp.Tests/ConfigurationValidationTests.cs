using System;
using System.Linq;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace ClientIp.Tests;

/// <summary>Bad configuration fails at construction with a message that names the entry and says why.</summary>
public class ConfigurationValidationTests
{
    [Theory]
    [InlineData("10.0.0.1/8", "did you mean 10.0.0.0/8")]
    [InlineData("192.168.0.20/24", "did you mean 192.168.0.0/24")]
    [InlineData("2001:db8::1/32", "did you mean 2001:db8::/32")]
    [InlineData("0.0.0.0/0", "/0 range trusts every address")]
    [InlineData("::/0", "/0 range trusts every address")]
    [InlineData("::ffff:0:0/96", "trusts every IPv4 address")]
    [InlineData("::ffff:0:0/64", "at least /96")]
    [InlineData("fe80::1%eth0", "zones")]
    [InlineData("garbage", "four decimal octets")]
    [InlineData("127.1", "four decimal octets")]
    [InlineData("010.0.0.0/8", "without leading zeros")]
    [InlineData("10.0.0.0/33", "from 1 to 32")]
    [InlineData("2001:db8::/129", "from 1 to 128")]
    [InlineData("10.0.0.0/", "prefix length")]
    [InlineData("10.0.0.0/08", "prefix length")]
    [InlineData("10.0.0.0/-8", "prefix length")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("localhost", "four decimal octets")]
    public void RejectsTrustedProxyEntry(string entry, string reason)
    {
        var options = new ClientIpOptions();
        options.TrustedProxies.Add(entry);

        var error = Assert.Throws<ArgumentException>(() => new ClientIpResolver(options));

        Assert.Contains($"TrustedProxies[2] \"{entry}\"", error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("192.168.0.20")]
    [InlineData("192.168.0.20/32")]
    [InlineData("::1")]
    [InlineData("2001:db8::/32")]
    [InlineData(" 172.16.0.0/12 ")]
    [InlineData("::ffff:10.0.0.0/104")]
    public void AcceptsTrustedProxyEntry(string entry)
    {
        var options = new ClientIpOptions();
        options.TrustedProxies.Add(entry);

        Assert.Empty(ClientIpResolver.Validate(options));
    }

    [Fact]
    public void ReportsEveryBadEntryAtOnce()
    {
        var options = new ClientIpOptions();
        options.TrustedProxies.Clear();
        options.TrustedProxies.Add("10.0.0.1/8");
        options.TrustedProxies.Add("192.168.0.20");
        options.TrustedProxies.Add("nope");

        var errors = ClientIpResolver.Validate(options);

        Assert.Collection(errors, e => Assert.Contains("[0] \"10.0.0.1/8\"", e), e => Assert.Contains("[2] \"nope\"", e));
    }

    [Theory]
    [InlineData("")]
    [InlineData("X Real IP")]
    [InlineData("X-Real-IP:")]
    public void RejectsHeaderName(string header)
    {
        var options = new ClientIpOptions { ForwardedHeader = header };

        var error = Assert.Throws<ArgumentException>(() => new ClientIpResolver(options));

        Assert.Contains("ClientIp:ForwardedHeader", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void RejectsMaxHops(int maxHops)
    {
        var error = Assert.Throws<ArgumentException>(() => new ClientIpResolver(new ClientIpOptions { MaxHops = maxHops }));

        Assert.Contains("ClientIp:MaxHops", error.Message);
    }

    [Theory]
    [InlineData(0, "X-Forwarded-For", "between 1 and MaxHops")]
    [InlineData(21, "X-Forwarded-For", "between 1 and MaxHops")]
    [InlineData(1, "X-Real-IP", "applies only to list headers")]
    public void RejectsTrustedHopCount(int count, string header, string reason)
    {
        var options = new ClientIpOptions { TrustedHopCount = count, ForwardedHeader = header };

        var error = Assert.Throws<ArgumentException>(() => new ClientIpResolver(options));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void ResolverCopiesOptions()
    {
        var options = new ClientIpOptions();
        var resolver = new ClientIpResolver(options);
        options.TrustedProxies.Clear();
        options.ForwardedHeader = "X-Real-IP";
        var headers = new HeaderDictionary { ["X-Forwarded-For"] = "203.0.113.7" };

        var result = resolver.Resolve(IPAddress.Loopback, headers);

        Assert.Equal(ClientIpStatus.ForwardedHeader, result.Status);
    }

    [Fact]
    public void DefaultsAreValid() => Assert.Empty(ClientIpResolver.Validate(new ClientIpOptions()));

    [Fact]
    public void NullOptionsThrow() => Assert.Throws<ArgumentNullException>(() => new ClientIpResolver(null!));

    [Fact]
    public void EmptyTrustListIsValidAndTrustsNobody()
    {
        var options = new ClientIpOptions();
        options.TrustedProxies.Clear();
        var headers = new HeaderDictionary { ["X-Forwarded-For"] = "203.0.113.7" };

        var statuses = new[] { IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("10.0.0.1") }
            .Select(peer => new ClientIpResolver(options).Resolve(peer, headers).Status);

        Assert.All(statuses, s => Assert.Equal(ClientIpStatus.UntrustedPeerSentHeaders, s));
    }
}

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
    [InlineData("0.0.0.0/0", "/0 range that trusts every address")]
    [InlineData("::/0", "/0 range that trusts every address")]
    [InlineData("::ffff:0:0/96", "covers every IPv4 address")]
    [InlineData("::ffff:10.0.0.0/100", "did you mean ::ffff:0.0.0.0/100?")] // issue #13 item 7: in the form the user wrote
    [InlineData("::ffff:10.0.0.1/104", "outside the /104 prefix; did you mean ::ffff:10.0.0.0/104?")]
    [InlineData("10.0.0.0/8;192.168.0.0/16", "not by \";\"")] // issue #13 item 7: a wrong separator, not a bad prefix
    [InlineData("10.0.0.0/8 192.168.0.0/16", "not by \";\" or spaces")]
    [InlineData("10.0.0.0/8, 192.168.0.0/16", "list each address or range as its own entry")]
    [InlineData("1", "four decimal octets")] // issue #13 item 10: malformed entries the parser must keep rejecting
    [InlineData("1/8", "four decimal octets")]
    [InlineData("1:2:3", "four decimal octets")]
    [InlineData("1.2.3.4/", "prefix length")]
    [InlineData("::1::2", "four decimal octets")]
    [InlineData("2001:db8::/", "from 1 to 128")]
    [InlineData("2001:db8:1:3::/63", "did you mean 2001:db8:1:2::/63")]
    [InlineData("2001:db8::1/127", "did you mean 2001:db8::/127")]
    [InlineData("2001:db8::1:0:0:0/65", "did you mean 2001:db8::/65")]
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

        // Named by its text, not by an index that would count the two defaults the user never wrote (issue #13 item 7).
        Assert.Contains($"ClientIp:TrustedProxies entry \"{entry}\" is not a valid proxy address or CIDR range", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain("TrustedProxies[", error.Message);
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

        Assert.Collection(errors, e => Assert.Contains("entry \"10.0.0.1/8\"", e), e => Assert.Contains("entry \"nope\"", e));
    }

    [Theory]
    [InlineData(new[] { "0.0.0.0/1", "128.0.0.0/1" }, "\"0.0.0.0/1\", \"128.0.0.0/1\" together cover every IPv4 address")]
    [InlineData(new[] { "128.0.0.0/1", "0.0.0.0/2", "64.0.0.0/2" }, "together cover every IPv4 address")]
    [InlineData(new[] { "0.0.0.0/1", "10.0.0.0/8", "128.0.0.0/2", "192.0.0.0/2" }, "together cover every IPv4 address")]
    [InlineData(new[] { "::/1", "8000::/1" }, "together cover every IPv6 address")]
    [InlineData(new[] { "::/2", "4000::/2", "8000::/1", "::1" }, "together cover every IPv6 address")]
    [InlineData(new[] { "::ffff:0.0.0.0/97", "128.0.0.0/1" }, "together cover every IPv4 address")]
    public void RejectsTrustedProxiesThatTogetherCoverEverything(string[] entries, string message)
    {
        // Issue #13 item 5: trust-everyone in disguise gets the /0 message, which points at UnsafeTrustEveryPeer without
        // calling it equivalent (item 7).
        var options = new ClientIpOptions();
        options.TrustedProxies.Clear();
        foreach (var entry in entries)
        {
            options.TrustedProxies.Add(entry);
        }

        var error = Assert.Single(ClientIpResolver.Validate(options));

        Assert.Contains(message, error);
        Assert.Contains("any client could forge its address", error);
        Assert.Contains("UnsafeTrustEveryPeer is not the same thing", error);
    }

    [Theory]
    [InlineData((object)new[] { "0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/4", "240.0.0.0/5", "248.0.0.0/6", "252.0.0.0/7", "254.0.0.0/8" })] // 255/8 missing
    [InlineData((object)new[] { "0.0.0.0/1", "128.0.0.1" })]
    [InlineData((object)new[] { "::/1", "8000::/2", "c000::/3", "0.0.0.0/1" })] // half of IPv4, and IPv6 without e000::/3
    public void AcceptsSetsWithAGap(string[] entries)
    {
        var options = new ClientIpOptions();
        options.TrustedProxies.Clear();
        foreach (var entry in entries)
        {
            options.TrustedProxies.Add(entry);
        }

        var errors = ClientIpResolver.Validate(options);

        Assert.Empty(errors);
    }

    [Fact]
    public void TheZeroPrefixMessageDoesNotCallUnsafeTrustEveryPeerEquivalent()
    {
        var options = new ClientIpOptions();
        options.TrustedProxies.Add("0.0.0.0/0");

        var error = Assert.Single(ClientIpResolver.Validate(options));

        Assert.DoesNotContain("instead", error.Split('(')[1]);
        Assert.Contains("is not the same thing", error);
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

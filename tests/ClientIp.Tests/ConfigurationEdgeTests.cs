using System;
using System.Linq;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ClientIp.Tests;

/// <summary>
/// The edges of each validation rule and message, one assertion per rule (issue #13 item 10: the gaps mutation testing
/// found). Expected texts are the documented messages, written here by hand.
/// </summary>
public class ConfigurationEdgeTests
{
    [Theory]
    [InlineData(":1::", "expected an IPv4 address")]
    [InlineData("1:", "expected an IPv4 address")]
    [InlineData(":", "expected an IPv4 address")]
    [InlineData("g::1", "expected an IPv4 address")]
    [InlineData("12z", "expected an IPv4 address")]
    [InlineData("1:2z::", "expected an IPv4 address")]
    [InlineData("1::2::3", "or either followed by /prefix (10.0.0.0/8, fd00::/8).")]
    [InlineData(",10.0.0.0/8", "it holds several entries; list each address or range as its own entry.")]
    [InlineData(";10.0.0.0/8", "not by \";\" or spaces.")]
    [InlineData("%eth0", "zones (%eth0) are host-specific")]
    [InlineData("10.0.0.1/8", "the address has bits set outside the /8 prefix; did you mean 10.0.0.0/8?")]
    public void TrustedProxyEntryMessages(string entry, string message)
    {
        var options = new ClientIpOptions();
        options.TrustedProxies.Add(entry);

        Assert.Contains(ClientIpResolver.Validate(options), e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void ANullEntryIsEmpty()
    {
        var options = new ClientIpOptions();
        options.TrustedProxies.Add(null!);

        Assert.Contains(ClientIpResolver.Validate(options), e => e.Contains("entry \"\" is not a valid proxy address or CIDR range: the entry is empty.", StringComparison.Ordinal));
    }

    [Fact]
    public void TheConstructorsMessageListsEveryProblem()
    {
        var options = new ClientIpOptions { ForwardedHeader = "X Real IP", MaxHops = 0 };

        var error = Assert.Throws<ArgumentException>(() => new ClientIpResolver(options));

        Assert.StartsWith("Invalid ClientIp configuration:" + Environment.NewLine + "  - ", error.Message);
        Assert.Contains("use X-Forwarded-For, Forwarded, or a single-address header such as X-Real-IP or CF-Connecting-IP.", error.Message);
        Assert.Contains("ClientIp:MaxHops 0 must be between 1 and 1000.", error.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void MaxHopsBoundsAreValid(int maxHops) => Assert.Empty(ClientIpResolver.Validate(new ClientIpOptions { MaxHops = maxHops }));

    [Fact]
    public void TrustedHopCountMessagesNameTheLimits()
    {
        var errors = ClientIpResolver.Validate(new ClientIpOptions { TrustedHopCount = 21, ForwardedHeader = "X-Real-IP" });

        Assert.Contains(errors, e => e == "ClientIp:TrustedHopCount 21 must be between 1 and MaxHops (20).");
        Assert.Contains(errors, e => e.EndsWith("not to \"X-Real-IP\", which carries a single address.", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryTokenCharacterIsAllowedInAHeaderName() =>
        Assert.Empty(ClientIpResolver.Validate(new ClientIpOptions { ForwardedHeader = "X!#$%&'*+-.^_`|~9" }));

    [Theory]
    [InlineData(1)]
    [InlineData(7 * 24 * 3600)]
    public void RefreshIntervalBoundsAreValid(int seconds) =>
        Assert.Empty(ClientIpResolver.Validate(new ClientIpOptions { TrustedProxiesRefreshInterval = TimeSpan.FromSeconds(seconds) }));

    [Fact]
    public void AnEmptyTrustedProxiesFileIsAnError() =>
        Assert.Contains(
            ClientIpResolver.Validate(new ClientIpOptions { TrustedProxiesFile = "" }),
            e => e == "ClientIp:TrustedProxiesFile is empty; name a file or leave it out.");

    [Fact]
    public void AllowedHostsMessages()
    {
        var options = new ClientIpOptions { UseForwardedHost = true };
        Assert.Contains(ClientIpResolver.Validate(options), e => e.EndsWith("or \"*\" to accept any host a trusted proxy reports.", StringComparison.Ordinal));

        options.AllowedHosts.Add(null!);
        Assert.Contains(ClientIpResolver.Validate(options), e => e.Contains("ClientIp:AllowedHosts entry \"\" is not a host name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("*", "anything.example", true)]
    [InlineData("*.example.net", "a.example.net", true)]
    [InlineData("*.example.net", "A.EXAMPLE.NET", true)]
    [InlineData("*.example.net", ".example.net", false)]
    [InlineData("*.example.net", "example.net", false)]
    [InlineData("example.com", "example.com", true)]
    [InlineData("example.com", "notexample.com", false)]
    [InlineData("example.com", "xample.com", false)]
    public void AllowedHostMatching(string allowed, string host, bool expected)
    {
        var options = new ClientIpOptions { UseForwardedHost = true };
        options.AllowedHosts.Add(allowed);

        Assert.Equal(expected, new ClientIpResolver(options).IsAllowedHost(host));
    }

    [Fact]
    public void ProxySetsThatCoverEverythingOneAddressAtATime()
    {
        // 0.0.0.0/32, 0.0.0.1/32, 0.0.0.2/31, ... 128.0.0.0/1: ranges that meet exactly end to end.
        var ipv4 = new[] { "0.0.0.0/32" }.Concat(Enumerable.Range(0, 32).Select(k => $"{new IPAddress(BitConverter.GetBytes((uint)1 << k).Reverse().ToArray())}/{32 - k}"));
        Assert.Contains(Validate(ipv4), e => e.Contains("together cover every IPv4 address", StringComparison.Ordinal));
        Assert.Empty(Validate(ipv4.Skip(1)));
    }

    [Fact]
    public void IPv6CoverageLeavesOutTheMappedRangeWhichIsMatchedAsIPv4()
    {
        // Everything but ::ffff:0:0/96, whose peers are matched against IPv4 ranges, so this covers every IPv6 peer.
        string[] allButMapped =
        [
            "::/81", "::8000:0:0/82", "::c000:0:0/83", "::e000:0:0/84", "::f000:0:0/85", "::f800:0:0/86", "::fc00:0:0/87", "::fe00:0:0/88",
            "::ff00:0:0/89", "::ff80:0:0/90", "::ffc0:0:0/91", "::ffe0:0:0/92", "::fff0:0:0/93", "::fff8:0:0/94", "::fffc:0:0/95", "::fffe:0:0/96",
            "::1:0:0:0/80", "::2:0:0:0/79", "::4:0:0:0/78", "::8:0:0:0/77", "::10:0:0:0/76", "::20:0:0:0/75", "::40:0:0:0/74", "::80:0:0:0/73",
            "::100:0:0:0/72", "::200:0:0:0/71", "::400:0:0:0/70", "::800:0:0:0/69", "::1000:0:0:0/68", "::2000:0:0:0/67", "::4000:0:0:0/66",
            "::8000:0:0:0/65", "0:0:0:1::/64", "0:0:0:2::/63", "0:0:0:4::/62", "0:0:0:8::/61", "0:0:0:10::/60", "0:0:0:20::/59", "0:0:0:40::/58",
            "0:0:0:80::/57", "0:0:0:100::/56", "0:0:0:200::/55", "0:0:0:400::/54", "0:0:0:800::/53", "0:0:0:1000::/52", "0:0:0:2000::/51",
            "0:0:0:4000::/50", "0:0:0:8000::/49", "0:0:1::/48", "0:0:2::/47", "0:0:4::/46", "0:0:8::/45", "0:0:10::/44", "0:0:20::/43",
            "0:0:40::/42", "0:0:80::/41", "0:0:100::/40", "0:0:200::/39", "0:0:400::/38", "0:0:800::/37", "0:0:1000::/36", "0:0:2000::/35",
            "0:0:4000::/34", "0:0:8000::/33", "0:1::/32", "0:2::/31", "0:4::/30", "0:8::/29", "0:10::/28", "0:20::/27", "0:40::/26", "0:80::/25",
            "0:100::/24", "0:200::/23", "0:400::/22", "0:800::/21", "0:1000::/20", "0:2000::/19", "0:4000::/18", "0:8000::/17", "1::/16", "2::/15",
            "4::/14", "8::/13", "10::/12", "20::/11", "40::/10", "80::/9", "100::/8", "200::/7", "400::/6", "800::/5", "1000::/4", "2000::/3",
            "4000::/2", "8000::/1",
        ];

        Assert.Contains(Validate(allButMapped), e => e.Contains("together cover every IPv6 address", StringComparison.Ordinal));
        Assert.Contains(Validate(allButMapped.Take(7).Concat(["0.0.0.0/3", "32.0.0.0/3", "64.0.0.0/3", "96.0.0.0/3", "128.0.0.0/3", "160.0.0.0/3", "192.0.0.0/3", "224.0.0.0/3"])),
            e => e.Contains("\"0.0.0.0/3\", \"32.0.0.0/3\", \"64.0.0.0/3\", \"96.0.0.0/3\", \"128.0.0.0/3\", \"160.0.0.0/3\" and 2 more together cover every IPv4 address", StringComparison.Ordinal));
    }

    [Fact]
    public void SixRangesAreAllNamed()
    {
        var error = Assert.Single(Validate(["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/3", "160.0.0.0/3", "192.0.0.0/3", "224.0.0.0/3"]));

        Assert.Contains("\"224.0.0.0/3\" together cover every IPv4 address", error);
    }

    [Fact]
    public void IPv6RangesLeavingOnlyTheUnspecifiedAddressOutAreAccepted()
    {
        // 1/128, 2/127, 4/126, ... 8000::/1 cover every IPv6 address except :: itself.
        var ranges = Enumerable.Range(0, 128).Select(k =>
        {
            var bytes = new byte[16];
            bytes[15 - (k / 8)] = (byte)(1 << (k % 8));
            return $"{new IPAddress(bytes)}/{128 - k}";
        });

        Assert.Empty(Validate(ranges));
    }

    [Fact]
    public void ValidateRejectsNullOptions() => Assert.Throws<ArgumentNullException>(() => ClientIpResolver.Validate(null!));

    [Fact]
    public void ResolveRejectsNullHeaders() =>
        Assert.Throws<ArgumentNullException>(() => new ClientIpResolver(new ClientIpOptions()).Resolve(IPAddress.Loopback, (IHeaderDictionary)null!));

    [Fact]
    public void NoIpPeerHasNoPort()
    {
        var result = new ClientIpResolver(new ClientIpOptions()).Resolve(null, 1234, new HeaderDictionary());

        Assert.Null(result.Port);
        Assert.False(result.IsConclusive);
    }

    [Fact]
    public void ANullHeaderLineIsAnEmptyLine()
    {
        var headers = new HeaderDictionary { ["X-Forwarded-For"] = new StringValues(["203.0.113.7", null]) };

        var result = new ClientIpResolver(new ClientIpOptions()).Resolve(IPAddress.Loopback, headers);

        Assert.Equal(ClientIpStatus.ForwardedHeader, result.Status);
        Assert.Equal(IPAddress.Parse("203.0.113.7"), result.Address);
    }

    private static System.Collections.Generic.IReadOnlyList<string> Validate(System.Collections.Generic.IEnumerable<string> entries)
    {
        var options = new ClientIpOptions();
        options.TrustedProxies.Clear();
        foreach (var entry in entries)
        {
            options.TrustedProxies.Add(entry);
        }

        return ClientIpResolver.Validate(options);
    }
}

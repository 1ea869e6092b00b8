using System.Linq;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace ClientIp.Tests;

/// <summary>
/// The one strict parser, entry by entry: what it accepts (and reads as which address and port) and what it refuses.
/// Expected addresses are written canonically by hand, not produced by the parser under test.
/// </summary>
public class StrictAddressSyntaxTests
{
    [Theory]
    [InlineData("1.2.3.4", "1.2.3.4", -1)]
    [InlineData("255.255.255.255", "255.255.255.255", -1)]
    [InlineData("1.2.3.4:65535", "1.2.3.4", 65535)]
    [InlineData("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8", -1)]
    [InlineData("1::", "1::", -1)]
    [InlineData("::1", "::1", -1)]
    [InlineData("1::2:3:4:5:6:7", "1:0:2:3:4:5:6:7", -1)]
    [InlineData("2001:DB8::A", "2001:db8::a", -1)]
    [InlineData("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304", -1)]
    [InlineData("::ffff:1.2.3.4", "1.2.3.4", -1)]
    [InlineData("::ffff:102:304", "1.2.3.4", -1)]
    [InlineData("[::ffff:1.2.3.4]:8080", "1.2.3.4", 8080)]
    [InlineData("[2001:db8::1]:0", "2001:db8::1", 0)]
    [InlineData("fe80::1%25", "fe80::1", -1)]
    [InlineData("[fe80::abcd%eth0.100]:443", "fe80::abcd", 443)]
    public void Accepts(string entry, string address, int port)
    {
        var parsed = IpSyntax.ParseAddressEntry(entry);

        Assert.Equal(EntryKind.Address, parsed.Kind);
        Assert.Equal(address, parsed.Address.ToIPAddress().ToString());
        Assert.Equal(port, parsed.Port);
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.")]
    [InlineData(".1.2.3")]
    [InlineData("1..2.3")]
    [InlineData("1.2.3.04")]
    [InlineData("1.2.3.1000")]
    [InlineData("+1.2.3.4")]
    [InlineData("1.2.3.4 ")] // entries arrive trimmed; inner or trailing space is not an address
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1:2:3:4:5:6:7:1.2.3.4")]
    [InlineData("1:2:3:4:5:6:7:8::")]
    [InlineData(":1::")]
    [InlineData("1:")]
    [InlineData(":")]
    [InlineData("1::2::3")]
    [InlineData("g::1")]
    [InlineData("::ffff:1.2.3.04")]
    [InlineData("fe80::1%eth0%1")]
    [InlineData("fe80::1%eth/0")]
    [InlineData("fe80::1%[x]")]
    [InlineData("[::1]:80x")]
    [InlineData("[::1]80")]
    [InlineData("[::1]:123456")]
    [InlineData("[]")]
    [InlineData("[1.2.3.4]")]
    [InlineData("1.2.3.4:")]
    [InlineData("1.2.3.4:-1")]
    [InlineData("1.2.3.4:1:2")]
    [InlineData("0.0.0.0:80")]
    [InlineData("[::]:80")]
    [InlineData("::ffff:0.0.0.0")]
    [InlineData("localhost")]
    [InlineData("_")]
    public void Refuses(string entry) => Assert.Equal(EntryKind.Invalid, IpSyntax.ParseAddressEntry(entry).Kind);

    [Theory]
    [InlineData("unknown")]
    [InlineData("Unknown")]
    [InlineData("_hidden")]
    [InlineData("_a.b-c_d")]
    public void RecognisesObfuscatedNodes(string entry) => Assert.Equal(EntryKind.Obfuscated, IpSyntax.ParseAddressEntry(entry).Kind);

    [Fact]
    public void VerifiedProxiesOfAForwardedChainAreReadBackInOrder()
    {
        var options = new ClientIpOptions { ForwardedHeader = "Forwarded" };
        options.TrustedProxies.Add("2001:db8::/32");
        var headers = new HeaderDictionary
        {
            ["Forwarded"] = "for=198.51.100.7;proto=https, for=\"[2001:db8::10]:4711\";by=\"[2001:db8::20]\", for=127.0.0.2",
        };

        var result = new ClientIpResolver(options).Resolve(IPAddress.Loopback, headers);

        Assert.Equal("198.51.100.7", result.Address?.ToString());
        Assert.Equal(new[] { "2001:db8::10", "127.0.0.2", "127.0.0.1" }, result.GetVerifiedProxies().Select(a => a.ToString()));
    }
}

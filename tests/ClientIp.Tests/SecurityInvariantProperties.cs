using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using CsCheck;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ClientIp.Tests;

/// <summary>
/// The security invariant, checked on generated requests: whatever a client writes into the forwarding header, once the
/// configured proxies appended their entries the answer is the address the first trusted proxy saw (or a fallback
/// status whose address a proxy wrote), never an address the client chose.
/// </summary>
public class SecurityInvariantProperties
{
    // CLIENTIP_PROPERTY_ITERATIONS lowers the count for mutation testing (tools/mutation/run.sh), which runs these
    // properties once per mutant; the test command always uses the full count.
    private static readonly long Iterations =
        long.TryParse(Environment.GetEnvironmentVariable("CLIENTIP_PROPERTY_ITERATIONS"), out var iterations) ? iterations : 5_000;

    // Proxies live in 10.0.0.0/8 and fd00::/8; clients are drawn from outside these ranges.
    private static readonly string[] TrustedRanges = ["10.0.0.0/8", "fd00::/8"];

    private static readonly Gen<IPAddress> TrustedProxy = Gen.OneOf(
        Gen.Byte.Array[3].Select(b => new IPAddress(new byte[] { 10, b[0], b[1], b[2] })),
        Gen.Byte.Array[15].Select(b => new IPAddress(new byte[] { 0xfd }.Concat(b).ToArray())));

    private static readonly Gen<IPAddress> UntrustedClient = Gen.OneOf(
        Gen.Byte.Array[4].Where(b => b[0] != 10 && b[0] != 0 && b.Any(x => x != 0)).Select(b => new IPAddress(b)),
        Gen.Byte.Array[16].Where(b => b[0] != 0xfd && b[0] != 0).Select(b => new IPAddress(b)));

    /// <summary>
    /// Attacker text: forged addresses (including the proxies' own), garbage, separators, quotes, backslashes,
    /// brackets, whitespace and control characters, in any order.
    /// </summary>
    private static readonly Gen<string> AttackerText = Gen.OneOf(
            TrustedProxy.Select(a => a.ToString()),
            UntrustedClient.Select(a => a.ToString()),
            TrustedProxy.Select(ForElement),
            Gen.Const("unknown"), Gen.Const("_hidden"), Gen.Const(""), Gen.Const(" "), Gen.Const(","), Gen.Const(";"),
            Gen.Const("\""), Gen.Const("\\"), Gen.Const("["), Gen.Const("]"), Gen.Const("for="), Gen.Const("\0"), Gen.Const("\t"),
            Gen.Const(":80"), Gen.Const(":_x"), Gen.Const(":"), Gen.Const("for=\":80\""), Gen.Const("for=\":_x\""), Gen.Const("=\"\""),
            Gen.Const("\\\""), Gen.Const(" ; "), Gen.Const(" , "), Gen.Const("\t=\t"), Gen.Const("[::1]:"), Gen.Const("ü"),
            Gen.String[Gen.Char[" ,;=\"\\[]:%._-0123456789abcdefABCDEFxyz\t\r\n\u007F\u00FC"], 0, 12])
        .List[0, 8]
        .Select(parts => string.Concat(parts));

    /// <summary>
    /// A parameter a correct proxy may write next to <c>for</c>: a token, or a quoted string of anything (long, non-ASCII,
    /// commas, semicolons, quotes and backslashes escaped as RFC 9110 says), under any name, repeated or not.
    /// </summary>
    private static readonly Gen<string> ProxyParameter = Gen.Select(
        Gen.OneOf(Gen.Const("host"), Gen.Const("proto"), Gen.Const("by"), Gen.Const("ext"), Gen.Const("HOST")),
        Gen.OneOf(
            Gen.String[Gen.Char["abcxyz0123456789.-_"], 1, 20],
            Gen.String[Gen.Char[" ,;=\"\\[]:%._-aZ09\t\u00FC\u00E9\u0001\u007F"], 0, 40]
                .Select(text => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""),
            Gen.Int[300, 3000].Select(n => "\"" + new string('a', n) + "\"")),
        Gen.OneOf(Gen.Const(";"), Gen.Const(" ; "), Gen.Const(";\t"), Gen.Const(";;")))
        .Select((name, value, separator) => separator + name + "=" + value);

    private static readonly Gen<List<string>> AttackerLines = AttackerText.List[0, 3];

    [Fact]
    public void XForwardedForAnswersWhatTheFirstTrustedProxySaw()
    {
        var resolver = Resolver("X-Forwarded-For");
        Gen.Select(AttackerLines, UntrustedClient, TrustedProxy.List[1, 5], Gen.Bool).Sample((attacker, client, proxies, newLine) =>
        {
            // The first proxy appends the client it saw; each further proxy appends the proxy before it.
            var entries = new List<string> { client.ToString() };
            entries.AddRange(proxies.Take(proxies.Count - 1).Select(p => p.ToString()));
            var headers = Headers("X-Forwarded-For", attacker, string.Join(", ", entries), newLine);

            var result = resolver.Resolve(proxies[^1], headers);

            return result.Status == ClientIpStatus.ForwardedHeader && Equals(result.Address, client);
        }, iter: Iterations);
    }

    [Fact]
    public void ForwardedAnswersWhatTheFirstTrustedProxySaw()
    {
        var resolver = Resolver("Forwarded");
        Gen.Select(AttackerLines, UntrustedClient, TrustedProxy.List[1, 5], Gen.Bool).Sample((attacker, client, proxies, newLine) =>
        {
            var entries = new List<string> { ForElement(client) };
            entries.AddRange(proxies.Take(proxies.Count - 1).Select(ForElement));
            var headers = Headers("Forwarded", attacker, string.Join(", ", entries), newLine);

            var result = resolver.Resolve(proxies[^1], headers);

            return result.Status == ClientIpStatus.ForwardedHeader && Equals(result.Address, client);
        }, iter: Iterations);
    }

    [Fact]
    public void ForwardedWithArbitraryExtraParametersAnswersWhatTheFirstTrustedProxySaw()
    {
        // Each proxy writes for= and, next to it, any parameters (a copied Host, long or non-ASCII, properly escaped).
        var resolver = Resolver("Forwarded");
        var element = Gen.Select(Gen.Bool, ProxyParameter.List[0, 4], Gen.Bool)
            .Select((forFirst, parameters, emptyBefore) => (forFirst, parameters, emptyBefore));
        Gen.Select(AttackerLines, UntrustedClient, TrustedProxy.List[1, 5], element.List[5], Gen.Bool).Sample((attacker, client, proxies, shapes, newLine) =>
        {
            var nodes = new List<IPAddress> { client };
            nodes.AddRange(proxies.Take(proxies.Count - 1));
            var entries = nodes.Select((node, i) =>
            {
                var (forFirst, parameters, emptyBefore) = shapes[i];
                var extra = string.Concat(parameters);
                var pair = ForElement(node);
                return (emptyBefore ? " , " : "") + (forFirst ? pair + extra : extra.TrimStart(';', ' ', '\t') + ";" + pair);
            });
            var headers = Headers("Forwarded", attacker, string.Join(", ", entries), newLine);

            var result = resolver.Resolve(proxies[^1], headers);

            return result.Status == ClientIpStatus.ForwardedHeader && Equals(result.Address, client);
        }, iter: Iterations);
    }

    [Fact]
    public void HopCountLargerThanTheChainAnswersOnlyWhatATrustedHopWrote()
    {
        // Fewer entries than TrustedHopCount: the answer is the address walk's, here the client, never a position beyond.
        Gen.Select(UntrustedClient, TrustedProxy.List[1, 5], Gen.Int[1, 4]).Sample((client, proxies, missing) =>
        {
            var options = Options("X-Forwarded-For");
            options.TrustedHopCount = proxies.Count + missing;
            var entries = new List<string> { client.ToString() };
            entries.AddRange(proxies.Take(proxies.Count - 1).Select(p => p.ToString()));
            var headers = new HeaderDictionary { ["X-Forwarded-For"] = string.Join(", ", entries) };

            var result = new ClientIpResolver(options).Resolve(proxies[^1], headers);

            return result.Status == ClientIpStatus.TooFewHops && Equals(result.Address, client) && !result.IsConclusive;
        }, iter: Iterations);
    }

    [Fact]
    public void HopCountAnswersWhatTheFirstProxySaw()
    {
        Gen.Select(AttackerLines, UntrustedClient, TrustedProxy.List[1, 5]).Sample((attacker, client, proxies) =>
        {
            var options = Options("X-Forwarded-For");
            options.TrustedHopCount = proxies.Count;
            var entries = new List<string> { client.ToString() };
            entries.AddRange(proxies.Take(proxies.Count - 1).Select(p => p.ToString()));
            var headers = Headers("X-Forwarded-For", attacker, string.Join(", ", entries), newLine: false);

            var result = new ClientIpResolver(options).Resolve(proxies[^1], headers);

            return result.Status == ClientIpStatus.ForwardedHeader && Equals(result.Address, client);
        }, iter: Iterations);
    }

    [Fact]
    public void AnUntrustedPeerNeverChoosesItsAddress()
    {
        var resolver = Resolver("X-Forwarded-For");
        Gen.Select(AttackerLines, UntrustedClient).Sample((attacker, peer) =>
        {
            var headers = new HeaderDictionary { ["X-Forwarded-For"] = new StringValues(attacker.ToArray()) };

            var result = resolver.Resolve(peer, headers);

            return Equals(result.Address, peer) && result.Status is ClientIpStatus.RemoteAddress or ClientIpStatus.UntrustedPeerSentHeaders;
        }, iter: Iterations);
    }

    [Fact]
    public void AnyHeaderFromATrustedPeerAnswersAnAddressThatWasWrittenThere()
    {
        // Whatever a trusted peer sends, the answer is the peer or an address that occurs in the header: never a token
        // that is not an address, and never an unspecified address.
        var resolver = Resolver("X-Forwarded-For");
        Gen.Select(AttackerLines, TrustedProxy).Sample((lines, peer) =>
        {
            var headers = new HeaderDictionary { ["X-Forwarded-For"] = new StringValues(lines.ToArray()) };

            var result = resolver.Resolve(peer, headers);

            return result.Address is { } address
                && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
                && (address.Equals(peer) || lines.SelectMany(l => l.Split(',')).SelectMany(Mentioned).Any(m => SameAddress(m, address)));
        }, iter: Iterations);
    }

    [Theory]
    [InlineData("X-Forwarded-For", null)]
    [InlineData("X-Forwarded-For", 2)]
    [InlineData("X-Forwarded-For", 20)]
    [InlineData("Forwarded", 20)]
    [InlineData("Forwarded", null)]
    [InlineData("Forwarded", 3)]
    [InlineData("X-Real-IP", null)]
    public void NeverThrowsAndAlwaysExplains(string header, int? hopCount)
    {
        // Any text at all (including characters no parser expects, and null lines) gets an answer and a status.
        var options = Options(header);
        options.TrustedHopCount = hopCount;
        options.TrustNonIpPeers = true;
        var resolver = new ClientIpResolver(options);
        var forwardedText = Gen.Select(AttackerText, ProxyParameter.List[0, 3], AttackerText)
            .Select((before, parameters, after) => before + string.Concat(parameters) + after);
        var anyLine = Gen.OneOf(AttackerText, forwardedText, Gen.String, Gen.Const((string)null!));
        var anyPeer = Gen.OneOf(TrustedProxy, UntrustedClient, Gen.Const((IPAddress)null!), TrustedProxy.Select(a => a.MapToIPv6()));
        Gen.Select(anyLine.List[0, 4], anyPeer).Sample((lines, peer) =>
        {
            var headers = new HeaderDictionary { [header] = new StringValues(lines.ToArray()) };

            var result = resolver.Resolve(peer, 1234, headers);
            _ = result.GetVerifiedProxies();

            return Enum.IsDefined(result.Status) && (result.Address is not null || peer is null);
        }, iter: Iterations);
    }

    [Fact]
    public void EveryAddressRoundTripsThroughTheStrictParser()
    {
        Gen.OneOf(Gen.Byte.Array[4], Gen.Byte.Array[16]).Select(b => new IPAddress(b)).Sample(address =>
        {
            var expected = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            var entry = IpSyntax.ParseAddressEntry(address.ToString());
            if (expected.Equals(IPAddress.Any) || expected.Equals(IPAddress.IPv6Any))
            {
                return entry.Kind == EntryKind.Invalid;
            }

            return entry.Kind == EntryKind.Address && entry.Address.ToIPAddress().Equals(expected);
        }, iter: Iterations);
    }

    [Fact]
    public void StrictIPv4AcceptsExactlyCanonicalDottedQuads()
    {
        Gen.String[Gen.Char["0123456789."], 1, 16].Sample(text =>
        {
            var strict = IpSyntax.TryParseIPv4(text, out var value);
            var canonical = IPAddress.TryParse(text, out var parsed)
                && parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                && parsed.ToString() == text;
            return strict == canonical && (!strict || IpValue.FromIPv4(value).ToIPAddress().Equals(parsed));
        }, iter: Iterations);
    }

    /// <summary>The addresses a header item could be read as by a lenient parser (bare, or an endpoint with a port).</summary>
    private static IEnumerable<IPAddress> Mentioned(string item)
    {
        item = item.Trim(' ', '\t');
        if (IPAddress.TryParse(item, out var bare))
        {
            yield return bare;
        }

        if (IPEndPoint.TryParse(item, out var endpoint))
        {
            yield return endpoint.Address;
        }
    }

    private static bool SameAddress(IPAddress a, IPAddress b)
    {
        a = a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;
        b = b.IsIPv4MappedToIPv6 ? b.MapToIPv4() : b;
        return a.GetAddressBytes().AsSpan().SequenceEqual(b.GetAddressBytes());
    }

    private static string ForElement(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"for=\"[{address}]\"" : $"for={address}";

    private static HeaderDictionary Headers(string name, List<string> attackerLines, string appended, bool newLine)
    {
        // The first proxy either appends to the client's last line or adds its own line; both happen in practice.
        var lines = attackerLines.ToList();
        if (newLine || lines.Count == 0)
        {
            lines.Add(appended);
        }
        else
        {
            lines[^1] = lines[^1] + ", " + appended;
        }

        return new HeaderDictionary { [name] = new StringValues(lines.ToArray()) };
    }

    private static ClientIpOptions Options(string header)
    {
        var options = new ClientIpOptions { ForwardedHeader = header };
        options.TrustedProxies.Clear();
        foreach (var range in TrustedRanges)
        {
            options.TrustedProxies.Add(range);
        }

        return options;
    }

    private static ClientIpResolver Resolver(string header) => new(Options(header));
}

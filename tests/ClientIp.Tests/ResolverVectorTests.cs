using System;
using System.Collections.Generic;
using System.Linq;
using static ClientIp.ClientIpStatus;
using static ClientIp.Tests.ResolverCase;

namespace ClientIp.Tests;

/// <summary>
/// The resolver's behaviour as a table: each row is a request (peer + header) under a trust configuration and the
/// answer it must get. Read top to bottom, the rows are the specification.
/// </summary>
public class ResolverVectorTests
{
    // The article's network: client -> 1st proxy (public 195.201.x.x, private 192.168.0.10) -> 2nd proxy (192.168.0.20) -> app.
    private const string Client = "158.101.20.95";
    private const string FirstProxy = "192.168.0.10";
    private const string SecondProxy = "192.168.0.20";
    private static readonly Action<ClientIpOptions> ArticleProxies = Trust(FirstProxy, SecondProxy);

    private static readonly Action<ClientIpOptions> CloudflareOnly = options =>
    {
        Trust("173.245.48.0/20", "103.21.244.0/22", "104.16.0.0/13", "2400:cb00::/32")(options);
        options.ForwardedHeader = "CF-Connecting-IP";
    };

    private static readonly Action<ClientIpOptions> ForwardedBehind10 = options =>
    {
        Trust("10.0.0.0/8")(options);
        options.ForwardedHeader = "Forwarded";
    };

    private static readonly ResolverCase[] Cases =
    [
        // --- The article's two-proxy chain -------------------------------------------------------------------------
        new("article: two proxies, client is the first untrusted entry from the right", SecondProxy, $"{Client}, {FirstProxy}", Client, ForwardedHeader)
            { Configure = ArticleProxies, ExpectedProxies = [FirstProxy, SecondProxy] },
        new("article: one CIDR covering both proxies", SecondProxy, $"{Client}, {FirstProxy}", Client, ForwardedHeader)
            { Configure = Trust("192.168.0.0/24") },
        new("article: client forged a leftmost entry", SecondProxy, $"1.1.1.1, {Client}, {FirstProxy}", Client, ForwardedHeader)
            { Configure = ArticleProxies },
        new("article: client forged a trusted proxy address", SecondProxy, $"{FirstProxy}, {Client}, {FirstProxy}", Client, ForwardedHeader)
            { Configure = ArticleProxies, ExpectedProxies = [FirstProxy, SecondProxy] },
        new("article: client forged loopback", SecondProxy, $"127.0.0.1, {Client}, {FirstProxy}", Client, ForwardedHeader)
            { Configure = ArticleProxies },
        new("article: client bypasses both proxies and sends X-Forwarded-For", Client, "8.8.8.8", Client, UntrustedPeerSentHeaders)
            { Configure = ArticleProxies, ExpectedProxies = [] },
        new("article: client bypasses both proxies and sends X-Real-IP", Client, "8.8.8.8", Client, UntrustedPeerSentHeaders)
            { Configure = o => { ArticleProxies(o); o.ForwardedHeader = "X-Real-IP"; } },
        new("article: client bypasses the first proxy only", SecondProxy, $"8.8.8.8, {Client}", Client, ForwardedHeader)
            { Configure = ArticleProxies },
        new("article: only the second proxy trusted yields the first proxy", SecondProxy, $"{Client}, {FirstProxy}", FirstProxy, ForwardedHeader)
            { Configure = Trust(SecondProxy) },
        new("article: the 2nd proxy's X-Real-IP names the 1st proxy, not the client", SecondProxy, FirstProxy, FirstProxy, ForwardedHeader)
            { Configure = o => { ArticleProxies(o); o.ForwardedHeader = "X-Real-IP"; } },
        new("article: hop count 2 peels exactly two proxies", SecondProxy, $"1.1.1.1, {Client}, {FirstProxy}", Client, ForwardedHeader)
            { Configure = o => { Trust(SecondProxy)(o); o.TrustedHopCount = 2; }, ExpectedProxies = [FirstProxy, SecondProxy] },
        new("article: hop count still requires a trusted peer", Client, $"1.1.1.1, {FirstProxy}", Client, UntrustedPeerSentHeaders)
            { Configure = o => { Trust(SecondProxy)(o); o.TrustedHopCount = 2; } },
        new("article: hop count with too few entries answers the leftmost", SecondProxy, Client, Client, TooFewHops)
            { Configure = o => { Trust(SecondProxy)(o); o.TrustedHopCount = 2; } },
        new("hop count 1 takes the rightmost entry even if it is in the trusted list", "127.0.0.1", "203.0.113.7, 127.0.0.1", "127.0.0.1", ForwardedHeader)
            { Configure = o => o.TrustedHopCount = 1 },
        new("hop count: an invalid entry between the proxies ends the walk", SecondProxy, $"{Client}, bogus, {FirstProxy}", FirstProxy, InvalidEntry)
            { Configure = o => { Trust(SecondProxy)(o); o.TrustedHopCount = 3; } },

        // --- Defaults: only loopback is trusted ------------------------------------------------------------------------
        new("defaults: nginx on the same host", "127.0.0.1", "203.0.113.7", "203.0.113.7", ForwardedHeader) { ExpectedProxies = ["127.0.0.1"] },
        new("defaults: nginx on the same host over IPv6 loopback", "::1", "203.0.113.7", "203.0.113.7", ForwardedHeader),
        new("defaults: remote client's forged header is ignored", "203.0.113.7", "127.0.0.1", "203.0.113.7", UntrustedPeerSentHeaders),
        new("defaults: private network peer is not trusted", "10.0.0.5", "203.0.113.7", "10.0.0.5", UntrustedPeerSentHeaders),
        new("defaults: no header, the peer is the client", "203.0.113.7", null, "203.0.113.7", RemoteAddress) { ExpectedProxies = [] },
        new("defaults: loopback peer without header", "127.0.0.1", null, "127.0.0.1", RemoteAddress),
        new("defaults: every hop is loopback, so the leftmost is the client", "127.0.0.1", "127.0.0.2, 127.0.0.1", "127.0.0.2", AllHopsTrusted)
            { ExpectedProxies = ["127.0.0.1", "127.0.0.1"] },
        new("defaults: X-Real-IP is not read when X-Forwarded-For is configured", "127.0.0.1", "203.0.113.7", "127.0.0.1", RemoteAddress)
            { HeaderName = "X-Real-IP" },
        new("header names match case-insensitively", "127.0.0.1", "203.0.113.7", "203.0.113.7", ForwardedHeader)
            { HeaderName = "x-FORWARDED-for" },
        new("configured header name in another case", "127.0.0.1", "203.0.113.7", "203.0.113.7", ForwardedHeader)
            { Configure = o => o.ForwardedHeader = "x-forwarded-for" },

        // --- Trust lists ---------------------------------------------------------------------------------------------
        new("empty trust list trusts nobody, not everybody", "127.0.0.1", "203.0.113.7", "127.0.0.1", UntrustedPeerSentHeaders)
            { Configure = Trust() },
        new("UnsafeTrustEveryPeer trusts any peer but still walks entries over the list", "203.0.113.7", "1.1.1.1, 198.51.100.4", "198.51.100.4", ForwardedHeader)
            { Configure = o => { Trust()(o); o.UnsafeTrustEveryPeer = true; }, ExpectedProxies = ["203.0.113.7"] },
        new("IPv6 range", "2001:db8::5", "203.0.113.7", "203.0.113.7", ForwardedHeader) { Configure = Trust("2001:db8::/32") },
        new("IPv6 range does not cover a neighbour", "2001:db9::5", "203.0.113.7", "2001:db9::5", UntrustedPeerSentHeaders) { Configure = Trust("2001:db8::/32") },
        new("IPv4-mapped trust entry means the IPv4 range", "10.1.2.3", "203.0.113.7", "203.0.113.7", ForwardedHeader) { Configure = Trust("::ffff:10.0.0.0/104") },

        // --- IPv6 prefixes longer than /64 (issue #13 item 10: a /64 mask used for /65-/127 would go unnoticed) -------
        new("IPv6 /96 covers the last 32 bits", "2001:db8::ab:cd", "203.0.113.7", "203.0.113.7", ForwardedHeader) { Configure = Trust("2001:db8::/96") },
        new("IPv6 /96 does not cover bit 95", "2001:db8::1:0:0", "203.0.113.7", "2001:db8::1:0:0", UntrustedPeerSentHeaders) { Configure = Trust("2001:db8::/96") },
        new("IPv6 /127 covers its pair", "2001:db8::3", "203.0.113.7", "203.0.113.7", ForwardedHeader) { Configure = Trust("2001:db8::2/127") },
        new("IPv6 /127 does not cover the next pair", "2001:db8::4", "203.0.113.7", "2001:db8::4", UntrustedPeerSentHeaders) { Configure = Trust("2001:db8::2/127") },
        new("IPv6 /127 does not cover the previous address", "2001:db8::1", "203.0.113.7", "2001:db8::1", UntrustedPeerSentHeaders) { Configure = Trust("2001:db8::2/127") },
        new("IPv6 /65 covers its half", "2001:db8::8000:0:0:1", "203.0.113.7", "203.0.113.7", ForwardedHeader) { Configure = Trust("2001:db8:0:0:8000::/65") },
        new("IPv6 /65 does not cover the other half", "2001:db8::7fff:0:0:1", "203.0.113.7", "2001:db8::7fff:0:0:1", UntrustedPeerSentHeaders)
            { Configure = Trust("2001:db8:0:0:8000::/65") },
        new("IPv6 /64 covers any interface identifier", "2001:db8:0:1:ffff:ffff:ffff:ffff", "203.0.113.7", "203.0.113.7", ForwardedHeader) { Configure = Trust("2001:db8:0:1::/64") },
        new("IPv6 /63 covers the neighbouring /64", "2001:db8:0:1::1", "203.0.113.7", "203.0.113.7", ForwardedHeader) { Configure = Trust("2001:db8::/63") },
        new("IPv6 /1 covers half the space", "7fff::1", "203.0.113.7", "203.0.113.7", ForwardedHeader) { Configure = Trust("::/1") },
        new("an IPv4 range does not cover an IPv6 peer with the same low bits", "::a00:1", "203.0.113.7", "::10.0.0.1", UntrustedPeerSentHeaders)
            { Configure = Trust("10.0.0.0/8") },
        new("an IPv6 range does not cover an IPv4 peer with the same low bits", "10.0.0.1", "203.0.113.7", "10.0.0.1", UntrustedPeerSentHeaders)
            { Configure = Trust("::/96") },

        // --- More strict-syntax edges (issue #13 item 10) -------------------------------------------------------------
        new("::1::2 has two compressions", "127.0.0.1", "::1::2", "127.0.0.1", InvalidEntry),
        new("a trailing colon", "127.0.0.1", "2001:db8::1:", "127.0.0.1", InvalidEntry),
        new("a leading single colon", "127.0.0.1", ":2001:db8::1", "127.0.0.1", InvalidEntry),
        new("a zone of exactly 64 characters", "127.0.0.1", "fe80::1%" + new string('z', 64), "fe80::1", ForwardedHeader),
        new("a zone of 65 characters", "127.0.0.1", "fe80::1%" + new string('z', 65), "127.0.0.1", InvalidEntry),
        new("an overlong single-address header", "127.0.0.1", new string(' ', 250) + "203.0.113.7", "127.0.0.1", InvalidEntry)
            { Configure = o => o.ForwardedHeader = "X-Real-IP" },
        new("a single-address header of exactly 256 characters", "127.0.0.1", new string(' ', 245) + "203.0.113.7", "203.0.113.7", ForwardedHeader)
            { Configure = o => o.ForwardedHeader = "X-Real-IP" },
        new("eight groups and a compression", "127.0.0.1", "1:2:3:4:5:6:7::8", "127.0.0.1", InvalidEntry),
        new("seven groups and a compression at the end", "127.0.0.1", "1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0", ForwardedHeader),
        new("an embedded dotted quad after six groups", "127.0.0.1", "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304", ForwardedHeader),
        new("an embedded dotted quad after seven groups", "127.0.0.1", "1:2:3:4:5:6:7:1.2.3.4", "127.0.0.1", InvalidEntry),

        // --- IPv4-mapped peers and entries ---------------------------------------------------------------------------
        new("IPv4-mapped loopback peer is trusted", "::ffff:127.0.0.1", "203.0.113.7", "203.0.113.7", ForwardedHeader),
        new("IPv4-mapped untrusted peer is unmapped in the answer", "::ffff:203.0.113.7", "1.1.1.1", "203.0.113.7", UntrustedPeerSentHeaders),
        new("IPv4-mapped peer without header is unmapped", "::ffff:203.0.113.7", null, "203.0.113.7", RemoteAddress),
        new("IPv4-mapped entry is unmapped in the answer", "127.0.0.1", "::ffff:203.0.113.7", "203.0.113.7", ForwardedHeader),
        new("IPv4-mapped entry matches an IPv4 trusted proxy", SecondProxy, $"{Client}, ::ffff:{FirstProxy}", Client, ForwardedHeader) { Configure = ArticleProxies },
        new("NAT64 is not an IPv4-mapped address", "127.0.0.1", "64:ff9b::cb00:7107", "64:ff9b::cb00:7107", ForwardedHeader),

        // --- Ports and IPv6 forms --------------------------------------------------------------------------------------
        new("IPv4 with port", "127.0.0.1", "203.0.113.7:51234", "203.0.113.7", ForwardedHeader) { ExpectedPort = 51234 },
        new("IPv4 with port 0", "127.0.0.1", "203.0.113.7:0", "203.0.113.7", ForwardedHeader) { ExpectedPort = 0 },
        new("IPv4 with port 65535", "127.0.0.1", "203.0.113.7:65535", "203.0.113.7", ForwardedHeader) { ExpectedPort = 65535 },
        new("port above 65535", "127.0.0.1", "203.0.113.7:65536", "127.0.0.1", InvalidEntry),
        new("port with a sign", "127.0.0.1", "203.0.113.7:+80", "127.0.0.1", InvalidEntry),
        new("port after a space", "127.0.0.1", "203.0.113.7: 80", "127.0.0.1", InvalidEntry),
        new("empty port", "127.0.0.1", "203.0.113.7:", "127.0.0.1", InvalidEntry),
        new("non-numeric port", "127.0.0.1", "203.0.113.7:http", "127.0.0.1", InvalidEntry),
        new("port with a leading zero", "127.0.0.1", "203.0.113.7:080", "127.0.0.1", InvalidEntry),
        new("bare IPv6", "127.0.0.1", "2001:db8::17", "2001:db8::17", ForwardedHeader) { ExpectedPort = null },
        new("bracketed IPv6", "127.0.0.1", "[2001:db8::17]", "2001:db8::17", ForwardedHeader),
        new("bracketed IPv6 with port", "127.0.0.1", "[2001:db8::17]:4711", "2001:db8::17", ForwardedHeader) { ExpectedPort = 4711 },
        new("bare IPv6 never carries a port", "127.0.0.1", "2001:db8::1:8080", "2001:db8::1:8080", ForwardedHeader) { ExpectedPort = null },
        new("bracketed IPv4 is not an address", "127.0.0.1", "[203.0.113.7]:80", "127.0.0.1", InvalidEntry),
        new("bracketed IPv6 with empty port", "127.0.0.1", "[2001:db8::17]:", "127.0.0.1", InvalidEntry),
        new("unclosed bracket", "127.0.0.1", "[2001:db8::17", "127.0.0.1", InvalidEntry),
        new("IPv6 zone is dropped from the answer", "127.0.0.1", "fe80::1%eth0", "fe80::1", ForwardedHeader),
        new("bracketed IPv6 zone with port", "127.0.0.1", "[fe80::1%eth0]:8080", "fe80::1", ForwardedHeader) { ExpectedPort = 8080 },
        new("empty zone", "127.0.0.1", "fe80::1%", "127.0.0.1", InvalidEntry),
        new("zone on IPv4", "127.0.0.1", "203.0.113.7%eth0", "127.0.0.1", InvalidEntry),
        new("embedded dotted quad", "127.0.0.1", "2001:db8::203.0.113.7", "2001:db8::cb00:7107", ForwardedHeader),
        new("two compressions", "127.0.0.1", "2001::db8::1", "127.0.0.1", InvalidEntry),
        new("five hex digits in a group", "127.0.0.1", "2001:db8::12345", "127.0.0.1", InvalidEntry),

        // --- Strict IPv4 -----------------------------------------------------------------------------------------------
        new("IPv4 shorthand 127.1", "127.0.0.1", "127.1", "127.0.0.1", InvalidEntry),
        new("IPv4 leading zero (octal in some parsers)", "127.0.0.1", "010.0.0.1", "127.0.0.1", InvalidEntry),
        new("IPv4 single number", "127.0.0.1", "1", "127.0.0.1", InvalidEntry),
        new("IPv4 32-bit number", "127.0.0.1", "4294967295", "127.0.0.1", InvalidEntry),
        new("IPv4 hex octet", "127.0.0.1", "0x7f.0.0.1", "127.0.0.1", InvalidEntry),
        new("IPv4 octet above 255", "127.0.0.1", "256.0.0.1", "127.0.0.1", InvalidEntry),
        new("IPv4 with five octets", "127.0.0.1", "1.2.3.4.5", "127.0.0.1", InvalidEntry),
        new("IPv4 trailing dot", "127.0.0.1", "1.2.3.4.", "127.0.0.1", InvalidEntry),
        new("0.0.0.0 is never a client", "127.0.0.1", "0.0.0.0", "127.0.0.1", InvalidEntry),
        new(":: is never a client", "127.0.0.1", "::", "127.0.0.1", InvalidEntry),
        new("zero octet is fine", "127.0.0.1", "10.0.0.1", "10.0.0.1", ForwardedHeader),

        // --- Non-addresses end the walk at the nearest verified address --------------------------------------------------
        new("garbage from the trusted peer", "127.0.0.1", "not-an-ip", "127.0.0.1", InvalidEntry) { ExpectedProxies = [] },
        new("garbage behind a trusted hop answers that hop", SecondProxy, $"{Client}, bogus, {FirstProxy}", FirstProxy, InvalidEntry)
            { Configure = ArticleProxies, ExpectedProxies = [SecondProxy] },
        new("'unknown' is an obfuscated node", "127.0.0.1", "unknown", "127.0.0.1", ObfuscatedNode),
        new("'UNKNOWN' in any case", "127.0.0.1", "UNKNOWN", "127.0.0.1", ObfuscatedNode),
        new("obfuscated identifier", "127.0.0.1", "_hidden", "127.0.0.1", ObfuscatedNode),
        new("obfuscated identifier of one character", "127.0.0.1", "_a", "127.0.0.1", ObfuscatedNode),
        new("an underscore name with a character outside the grammar", "127.0.0.1", "_a!b", "127.0.0.1", InvalidEntry),
        new("a zone with a space", "127.0.0.1", "fe80::1%a b", "127.0.0.1", InvalidEntry),
        new("a zone with DEL", "127.0.0.1", "fe80::1%a\u007F", "127.0.0.1", InvalidEntry),
        new("a zone with a non-ASCII letter", "127.0.0.1", "fe80::1%aü", "127.0.0.1", InvalidEntry),
        new("a zone with a control character", "127.0.0.1", "fe80::1%a\u0001", "127.0.0.1", InvalidEntry),
        new("obfuscated node behind a trusted hop", SecondProxy, $"{Client}, unknown, {FirstProxy}", FirstProxy, ObfuscatedNode) { Configure = ArticleProxies },

        // --- Empty list elements are ignored (RFC 9110 section 5.6.1) but count against MaxHops ---------------------------
        new("empty item between trusted entries", SecondProxy, $"{Client},,{FirstProxy}", Client, ForwardedHeader)
            { Configure = ArticleProxies, ExpectedProxies = [FirstProxy, SecondProxy] },
        new("issue #13: empty items before the proxy's entry", "10.0.0.1", "203.0.113.7,,, 10.0.0.3", "203.0.113.7", ForwardedHeader)
            { Configure = Trust("10.0.0.0/8"), ExpectedProxies = ["10.0.0.3", "10.0.0.1"], ExpectedConclusive = true },
        new("issue #13: an empty last header line", "10.0.0.1", "203.0.113.7, 10.0.0.3\n", "203.0.113.7", ForwardedHeader)
            { Configure = Trust("10.0.0.0/8"), ExpectedProxies = ["10.0.0.3", "10.0.0.1"] },
        new("trailing comma", "127.0.0.1", "203.0.113.7,", "203.0.113.7", ForwardedHeader),
        new("empty items with spaces and tabs", "127.0.0.1", "203.0.113.7 , \t, ,", "203.0.113.7", ForwardedHeader),
        new("whitespace-only value is no entry at all: the trusted peer answers, inconclusively", "127.0.0.1", "  ", "127.0.0.1", RemoteAddress)
            { ExpectedConclusive = false },
        new("empty value", "127.0.0.1", "", "127.0.0.1", RemoteAddress) { ExpectedConclusive = false, ExpectedProxies = [] },
        new("only commas", "127.0.0.1", ",,,", "127.0.0.1", RemoteAddress) { ExpectedConclusive = false },
        new("empty items count against MaxHops", "127.0.0.1", "203.0.113.7,,,,", "127.0.0.1", TooManyHops) { Configure = o => o.MaxHops = 3 },
        new("an empty item at the start of a line counts against MaxHops", "127.0.0.1", ",127.0.0.5", "127.0.0.5", TooManyHops) { Configure = o => o.MaxHops = 1 },
        new("a vertical tab is not optional whitespace", "127.0.0.1", "203.0.113.7\u000B", "127.0.0.1", InvalidEntry),
        new("a carriage return is not optional whitespace", "127.0.0.1", "203.0.113.7\r", "127.0.0.1", InvalidEntry),
        new("empty items within MaxHops", "127.0.0.1", "203.0.113.7,,", "203.0.113.7", ForwardedHeader) { Configure = o => o.MaxHops = 3 },
        new("hop count does not count empty items as hops", SecondProxy, $"1.1.1.1, {Client},, {FirstProxy}", Client, ForwardedHeader)
            { Configure = o => { Trust(SecondProxy)(o); o.TrustedHopCount = 2; }, ExpectedProxies = [FirstProxy, SecondProxy] },
        new("an empty element ends nothing in a single-address header: it is invalid", "127.0.0.1", "", "127.0.0.1", InvalidEntry)
            { Configure = o => o.ForwardedHeader = "X-Real-IP" },
        new("spaces and tabs around items are trimmed", "127.0.0.1", " 1.1.1.1 ,\t203.0.113.7\t ", "203.0.113.7", ForwardedHeader),
        new("NUL character", "127.0.0.1", "203.0.113.7\0", "127.0.0.1", InvalidEntry),
        new("line feed inside an entry", "127.0.0.1", "203.0.\r113.7", "127.0.0.1", InvalidEntry),
        new("non-ASCII digits", "127.0.0.1", "２03.0.113.7", "127.0.0.1", InvalidEntry),
        new("quotes are not part of X-Forwarded-For", "127.0.0.1", "\"203.0.113.7\"", "127.0.0.1", InvalidEntry),
        new("space inside an entry", "127.0.0.1", "203.0.113 .7", "127.0.0.1", InvalidEntry),
        new("overlong entry", "127.0.0.1", new string(' ', 300) + "203.0.113.7", "127.0.0.1", InvalidEntry),
        new("entry of exactly 256 characters", "127.0.0.1", new string(' ', 245) + "203.0.113.7", "203.0.113.7", ForwardedHeader),
        new("entry of 257 characters is overlong", "127.0.0.1", new string(' ', 246) + "203.0.113.7", "127.0.0.1", InvalidEntry),
        new("overlong garbage left of the client is never read", "127.0.0.1", new string('x', 40_000) + ", 203.0.113.7", "203.0.113.7", ForwardedHeader),
        new("32 KB of spoofed entries ahead of the client", "127.0.0.1", Repeat("198.51.100.1", 2500) + ", 203.0.113.7", "203.0.113.7", ForwardedHeader),

        // --- MaxHops ---------------------------------------------------------------------------------------------------
        new("more trusted entries than MaxHops", "127.0.0.1", Repeat("127.0.0.1", 21), "127.0.0.1", TooManyHops),
        new("exactly MaxHops trusted entries", "127.0.0.1", "127.0.0.9, " + Repeat("127.0.0.1", 19), "127.0.0.9", AllHopsTrusted),
        new("client exactly at MaxHops", "127.0.0.1", "203.0.113.7, " + Repeat("127.0.0.1", 19), "203.0.113.7", ForwardedHeader),
        new("client one beyond MaxHops", "127.0.0.1", "203.0.113.7, " + Repeat("127.0.0.1", 20), "127.0.0.1", TooManyHops),
        new("MaxHops 2 examines two entries and answers the second", "127.0.0.1", "203.0.113.7, 127.0.0.3, 127.0.0.2", "127.0.0.3", TooManyHops)
            { Configure = o => o.MaxHops = 2, ExpectedProxies = ["127.0.0.2", "127.0.0.1"] },

        // --- Several header lines --------------------------------------------------------------------------------------
        new("two lines are combined in order", SecondProxy, $"{Client}\n{FirstProxy}", Client, ForwardedHeader) { Configure = ArticleProxies },
        new("spoofed line first, then the proxies' line", SecondProxy, $"1.1.1.1, 2.2.2.2\n{Client}, {FirstProxy}", Client, ForwardedHeader) { Configure = ArticleProxies },
        new("walk continues into an earlier line", "127.0.0.1", "203.0.113.7\n127.0.0.5\n127.0.0.6", "203.0.113.7", ForwardedHeader)
            { ExpectedProxies = ["127.0.0.5", "127.0.0.6", "127.0.0.1"] },
        new("empty line between lines", "127.0.0.1", "203.0.113.7\n\n127.0.0.6", "203.0.113.7", ForwardedHeader),

        // --- RFC 7239 Forwarded --------------------------------------------------------------------------------------
        new("Forwarded: for=IPv4", "127.0.0.1", "for=192.0.2.43", "192.0.2.43", ForwardedHeader) { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: quoted IPv6 with port", "127.0.0.1", "for=\"[2001:db8:cafe::17]:4711\"", "2001:db8:cafe::17", ForwardedHeader)
            { Configure = o => o.ForwardedHeader = "Forwarded", ExpectedPort = 4711 },
        new("Forwarded: quoted IPv4 with port", "127.0.0.1", "For=\"192.0.2.43:47011\"", "192.0.2.43", ForwardedHeader)
            { Configure = o => o.ForwardedHeader = "Forwarded", ExpectedPort = 47011 },
        new("Forwarded: quoted IPv4 without port", "127.0.0.1", "for=\"192.0.2.43\"", "192.0.2.43", ForwardedHeader) { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: several elements, walked from the right", SecondProxy, $"for=1.1.1.1, for={Client}, for={FirstProxy}", Client, ForwardedHeader)
            { Configure = o => { ArticleProxies(o); o.ForwardedHeader = "Forwarded"; }, ExpectedProxies = [FirstProxy, SecondProxy] },
        new("Forwarded: other parameters are ignored", "127.0.0.1", "for=192.0.2.60;proto=http;by=203.0.113.43", "192.0.2.60", ForwardedHeader)
            { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: OWS around separators", "127.0.0.1", "for=192.0.2.60 ; proto=http , for=192.0.2.61", "192.0.2.61", ForwardedHeader)
            { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: quoted comma in another parameter stays inside its element", "127.0.0.1", "for=192.0.2.60;host=\"a,b\"", "192.0.2.60", ForwardedHeader)
            { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: escaped quote in another parameter", "127.0.0.1", "for=192.0.2.60;host=\"a\\\",b\"", "192.0.2.60", ForwardedHeader)
            { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: obfuscated port keeps the address", "127.0.0.1", "for=\"[2001:db8::1]:_abc\"", "2001:db8::1", ForwardedHeader)
            { Configure = o => o.ForwardedHeader = "Forwarded", ExpectedPort = null },
        new("Forwarded: unknown", "127.0.0.1", "for=unknown", "127.0.0.1", ObfuscatedNode) { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: obfuscated identifier", "127.0.0.1", "for=\"_gazonk\"", "127.0.0.1", ObfuscatedNode) { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: obfuscated node behind a trusted hop", "127.0.0.1", "for=192.0.2.43, for=_hidden, for=127.0.0.2", "127.0.0.2", ObfuscatedNode)
            { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: unquoted IPv6 is not a token", "127.0.0.1", "for=[2001:db8::1]", "127.0.0.1", InvalidEntry) { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: IPv6 must be bracketed", "127.0.0.1", "for=\"2001:db8::1\"", "127.0.0.1", InvalidEntry) { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: duplicate for", "127.0.0.1", "for=192.0.2.1;for=192.0.2.2", "127.0.0.1", InvalidEntry) { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: element without for", "127.0.0.1", "proto=https;by=127.0.0.1", "127.0.0.1", InvalidEntry) { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: spaces around '='", "127.0.0.1", "for = 192.0.2.43", "127.0.0.1", InvalidEntry) { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: leading-zero IPv4", "127.0.0.1", "for=010.0.0.1", "127.0.0.1", InvalidEntry) { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: an attacker's unmatched quote spoils only its own element", "127.0.0.1", "for=\"1.1.1.1, for=192.0.2.43", "192.0.2.43", ForwardedHeader)
            { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: unmatched quote in the trusted part ends the walk", "127.0.0.1", "for=192.0.2.43, for=\"127.0.0.2", "127.0.0.1", InvalidEntry)
            { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: 40 000 backslashes before a quote are bounded work", "127.0.0.1", "for=\"" + new string('\\', 40_000) + "\"", "127.0.0.1", InvalidEntry)
            { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: attacker backslashes and quotes left of the proxy's element", "127.0.0.1", new string('\\', 40_000) + "\", for=192.0.2.43", "192.0.2.43", ForwardedHeader)
            { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: several lines", "127.0.0.1", "for=192.0.2.43\nfor=127.0.0.2", "192.0.2.43", ForwardedHeader) { Configure = o => o.ForwardedHeader = "Forwarded" },
        new("Forwarded: X-Forwarded-For is ignored", "127.0.0.1", "192.0.2.43", "127.0.0.1", RemoteAddress)
            { Configure = o => o.ForwardedHeader = "Forwarded", HeaderName = "X-Forwarded-For" },

        // --- Forwarded: one bad parameter must not hand the answer to a proxy (issue #13, item 1) ----------------------------
        new("issue #13: a 1,100-character host does not spoil for=", "10.0.0.1", $"for=198.51.100.9;host=\"{new string('a', 1100)}\";proto=https, for=10.0.0.2", "198.51.100.9", ForwardedHeader)
            { Configure = ForwardedBehind10, ExpectedProxies = ["10.0.0.2", "10.0.0.1"], ExpectedConclusive = true },
        new("issue #13: a non-ASCII quoted host (obs-text) does not spoil for=", "10.0.0.1", "for=198.51.100.9;host=\"bücher.example\";proto=https, for=10.0.0.2", "198.51.100.9", ForwardedHeader)
            { Configure = ForwardedBehind10 },
        new("issue #13: a stray quote in the host does not spoil for=", "10.0.0.1", "for=198.51.100.9;host=\"a\"b\";proto=https, for=10.0.0.2", "198.51.100.9", ForwardedHeader)
            { Configure = ForwardedBehind10, ExpectedProxies = ["10.0.0.2", "10.0.0.1"] },
        new("a stray quote in the host with the client's own element on the same line", "10.0.0.1", "for=6.6.6.6, for=198.51.100.9;host=\"x\"y\";proto=https, for=10.0.0.2", "198.51.100.9", ForwardedHeader)
            { Configure = ForwardedBehind10 },
        new("a raw UTF-8 host as Latin-1 characters does not spoil for=", "10.0.0.1", "for=198.51.100.9;host=\"b\u00C3\u00BCcher\";proto=http", "198.51.100.9", ForwardedHeader)
            { Configure = ForwardedBehind10 },
        new("a 20,000-character host in the trusted element", "10.0.0.1", $"for=198.51.100.9;host=\"{new string('h', 20_000)}\"", "198.51.100.9", ForwardedHeader)
            { Configure = ForwardedBehind10 },
        new("a control character inside another parameter's quoted value is not judged", "10.0.0.1", "for=198.51.100.9;host=\"a\u0001b\"", "198.51.100.9", ForwardedHeader)
            { Configure = ForwardedBehind10 },
        new("DEL inside another parameter's quoted value is not judged", "10.0.0.1", "for=198.51.100.9;host=\"a\u007Fb\"", "198.51.100.9", ForwardedHeader)
            { Configure = ForwardedBehind10 },
        new("a control character inside the quoted for value", "10.0.0.1", "for=\"198.51.100.9\u0001\"", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("DEL inside the quoted for value", "10.0.0.1", "for=\"198.51.100.9\u007F\"", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("non-ASCII inside the for value", "10.0.0.1", "for=\"198.51.100.9ü\"", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("a for value longer than 256 characters", "10.0.0.1", $"for=\"[{new string('0', 300)}::1]\"", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("OWS around ';' in an element that is not the rightmost", "10.0.0.1", "for=198.51.100.9 ;\tproto=https ; by=10.0.0.2 , for=10.0.0.2", "198.51.100.9", ForwardedHeader)
            { Configure = ForwardedBehind10 },
        new("duplicate by, proto and host do not spoil for=", "10.0.0.1", "for=198.51.100.9;by=a;by=b;proto=http;proto=https;host=x;host=y", "198.51.100.9", ForwardedHeader)
            { Configure = ForwardedBehind10 },
        new("a malformed pair before for=", "10.0.0.1", "proto=ht tp;for=198.51.100.9", "198.51.100.9", ForwardedHeader) { Configure = ForwardedBehind10 },
        new("a pair without '=' before for=", "10.0.0.1", "secret;for=198.51.100.9", "198.51.100.9", ForwardedHeader) { Configure = ForwardedBehind10 },
        new("an unterminated quote before for= swallows it", "10.0.0.1", "host=\"a;for=198.51.100.9", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("a malformed for= with a well-formed duplicate is still ambiguous", "10.0.0.1", "for=198.51.100.9:80;for=198.51.100.8", "10.0.0.1", InvalidEntry)
            { Configure = ForwardedBehind10 },
        new("whitespace after an empty pair", "10.0.0.1", "; for=198.51.100.9", "198.51.100.9", ForwardedHeader) { Configure = ForwardedBehind10 },
        new("a malformed pair's quoted string is skipped whole", "10.0.0.1", "x=a\"b;for=6.6.6.6\";for=198.51.100.9", "198.51.100.9", ForwardedHeader)
            { Configure = ForwardedBehind10 },
        new("an escaped backslash before a quote does not escape the quote", "10.0.0.1", "for=6.6.6.6, for=198.51.100.9;host=\"a\\\\\",b\"", "10.0.0.1", InvalidEntry)
            { Configure = ForwardedBehind10 },
        new("empty pairs", "10.0.0.1", ";for=198.51.100.9;;proto=https;", "198.51.100.9", ForwardedHeader) { Configure = ForwardedBehind10 },
        new("empty elements are ignored", "10.0.0.1", "for=198.51.100.9, , ,for=10.0.0.2,", "198.51.100.9", ForwardedHeader)
            { Configure = ForwardedBehind10, ExpectedProxies = ["10.0.0.2", "10.0.0.1"] },
        new("an element of empty pairs has no for", "10.0.0.1", "for=198.51.100.9, ;;, for=10.0.0.2", "10.0.0.2", InvalidEntry) { Configure = ForwardedBehind10 },
        new("an empty for value", "10.0.0.1", "for=", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("an empty quoted for value", "10.0.0.1", "for=\"\"", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("issue #13: for=\":80\" names no node and does not throw", "10.0.0.1", "for=\":80\"", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("issue #13: for=\":_x\" names no node and does not throw", "10.0.0.1", "for=\":_x\"", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("for=\":\"", "10.0.0.1", "for=\":\"", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("for=\"[]:80\"", "10.0.0.1", "for=\"[]:80\"", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("for with an unclosed bracket", "10.0.0.1", "for=\"[2001:db8::1\"", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("for with text after the bracket", "10.0.0.1", "for=\"[2001:db8::1]x\"", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("for with a zone is not RFC 3986", "10.0.0.1", "for=\"[fe80::1%eth0]\"", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("for with a bad port", "10.0.0.1", "for=\"198.51.100.9:99999\"", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("for with an escaped character", "10.0.0.1", "for=\"198.51.100.\\9\"", "10.0.0.1", InvalidEntry) { Configure = ForwardedBehind10 },
        new("obfuscated node with a port", "10.0.0.1", "for=\"_hidden:_port\"", "10.0.0.1", ObfuscatedNode) { Configure = ForwardedBehind10 },
        new("unknown with a numeric port", "10.0.0.1", "for=\"unknown:80\"", "10.0.0.1", ObfuscatedNode) { Configure = ForwardedBehind10 },

        // --- TrustedHopCount larger than the header (issue #13, item 3): only an entry a trusted hop vouched for ------------
        new("issue #13: hop count 3, two entries: the entry the trusted peer wrote", "127.0.0.1", "6.6.6.6, 198.51.100.9", "198.51.100.9", TooFewHops)
            { Configure = o => o.TrustedHopCount = 3, ExpectedProxies = ["127.0.0.1"], ExpectedConclusive = false },
        new("hop count 3, two entries, the rightmost a trusted proxy that vouches for the next", "127.0.0.1", "6.6.6.6, 127.0.0.2", "6.6.6.6", TooFewHops)
            { Configure = o => o.TrustedHopCount = 3, ExpectedProxies = ["127.0.0.2", "127.0.0.1"] },
        new("hop count 4, every entry a trusted proxy: the leftmost", "127.0.0.1", "127.0.0.3, 127.0.0.2", "127.0.0.3", TooFewHops)
            { Configure = o => o.TrustedHopCount = 4, ExpectedProxies = ["127.0.0.2", "127.0.0.1"] },
        new("hop count: invalid entry behind an unlisted proxy answers what the trusted peer wrote", "127.0.0.1", "6.6.6.6, bogus, 198.51.100.5, 198.51.100.9", "198.51.100.9", InvalidEntry)
            { Configure = o => o.TrustedHopCount = 4, ExpectedProxies = ["127.0.0.1"] },
        new("hop count: obfuscated entry ends the walk the same way", "127.0.0.1", "6.6.6.6, unknown, 198.51.100.9", "198.51.100.9", ObfuscatedNode)
            { Configure = o => o.TrustedHopCount = 3 },

        // --- IsConclusive: sound before an allow-list decision (issue #13, item 8) ------------------------------------------
        new("a direct public client that forged a header: its own address, conclusive", "203.0.113.9", "127.0.0.1", "203.0.113.9", UntrustedPeerSentHeaders)
            { ExpectedConclusive = true },
        new("a direct client without header: conclusive", "203.0.113.9", null, "203.0.113.9", RemoteAddress) { ExpectedConclusive = true },
        new("a private peer without header (a client on the LAN): conclusive", "10.1.2.3", null, "10.1.2.3", RemoteAddress) { ExpectedConclusive = true },
        new("an untrusted private peer that sends headers looks like a missing proxy", "10.0.0.5", "203.0.113.7", "10.0.0.5", UntrustedPeerSentHeaders)
            { ExpectedConclusive = false },
        new("an untrusted IPv6 unique-local peer that sends headers", "fd00::5", "203.0.113.7", "fd00::5", UntrustedPeerSentHeaders) { ExpectedConclusive = false },
        new("an untrusted link-local peer that sends headers", "fe80::5", "203.0.113.7", "fe80::5", UntrustedPeerSentHeaders) { ExpectedConclusive = false },
        new("an untrusted CGNAT peer that sends headers", "100.64.0.5", "203.0.113.7", "100.64.0.5", UntrustedPeerSentHeaders) { ExpectedConclusive = false },
        new("an untrusted 172.16/12 peer that sends headers", "172.31.0.5", "203.0.113.7", "172.31.0.5", UntrustedPeerSentHeaders) { ExpectedConclusive = false },
        new("172.32.0.5 is public", "172.32.0.5", "203.0.113.7", "172.32.0.5", UntrustedPeerSentHeaders) { ExpectedConclusive = true },
        new("100.128.0.5 is public", "100.128.0.5", "203.0.113.7", "100.128.0.5", UntrustedPeerSentHeaders) { ExpectedConclusive = true },
        new("fec0::5 is neither unique-local nor link-local", "fec0::5", "203.0.113.7", "fec0::5", UntrustedPeerSentHeaders) { ExpectedConclusive = true },
        new("issue #13: a trusted proxy that sends no configured header answers itself, inconclusively", "127.0.0.1", null, "127.0.0.1", RemoteAddress)
            { ExpectedConclusive = false, ExpectedProxies = [] },
        new("issue #13: first proxy missing from TrustedProxies: the walk ends on it, inconclusively", "10.0.0.3", "203.0.113.7, 10.0.0.2", "10.0.0.2", ForwardedHeader)
            { Configure = Trust("10.0.0.3"), ExpectedConclusive = false },
        new("a loopback answer with more entries to its left", "127.0.0.1", "203.0.113.7, ::1", "::1", ForwardedHeader)
            { Configure = Trust("127.0.0.1"), ExpectedConclusive = false },
        new("a private client with nothing to its left is a LAN client: conclusive", "10.0.0.3", "10.1.2.3", "10.1.2.3", ForwardedHeader)
            { Configure = Trust("10.0.0.3"), ExpectedConclusive = true },
        new("a private answer with only empty items to its left: conclusive", "10.0.0.3", ",, 10.1.2.3", "10.1.2.3", ForwardedHeader)
            { Configure = Trust("10.0.0.3"), ExpectedConclusive = true },
        new("a public client behind trusted proxies: conclusive", SecondProxy, $"1.1.1.1, {Client}, {FirstProxy}", Client, ForwardedHeader)
            { Configure = ArticleProxies, ExpectedConclusive = true },
        new("every hop trusted: conclusive", "127.0.0.1", "127.0.0.2, 127.0.0.1", "127.0.0.2", AllHopsTrusted) { ExpectedConclusive = true },
        new("the look to the left stays within MaxHops", "10.0.0.3", "1.2.3.4, 10.1.2.3, 10.0.0.3", "10.1.2.3", ForwardedHeader)
            { Configure = o => { Trust("10.0.0.3")(o); o.MaxHops = 2; }, ExpectedConclusive = true },
        new("the look to the left within MaxHops", "10.0.0.3", "1.2.3.4, 10.1.2.3, 10.0.0.3", "10.1.2.3", ForwardedHeader)
            { Configure = o => { Trust("10.0.0.3")(o); o.MaxHops = 3; }, ExpectedConclusive = false },
        new("the look to the left skips empty items within MaxHops only", "10.0.0.3", "1.2.3.4, , 10.1.2.3, 10.0.0.3", "10.1.2.3", ForwardedHeader)
            { Configure = o => { Trust("10.0.0.3")(o); o.MaxHops = 3; }, ExpectedConclusive = true },
        new("a fallback is never conclusive", "127.0.0.1", "bogus", "127.0.0.1", InvalidEntry) { ExpectedConclusive = false },
        new("a single-address header: conclusive", "127.0.0.1", "10.1.2.3", "10.1.2.3", ForwardedHeader)
            { Configure = o => o.ForwardedHeader = "X-Real-IP", ExpectedConclusive = true },

        // --- Single-address headers --------------------------------------------------------------------------------------
        new("X-Real-IP from nginx on the same host", "127.0.0.1", "203.0.113.7", "203.0.113.7", ForwardedHeader)
            { Configure = o => o.ForwardedHeader = "X-Real-IP", ExpectedProxies = ["127.0.0.1"] },
        new("X-Real-IP with a port", "127.0.0.1", "203.0.113.7:4444", "203.0.113.7", ForwardedHeader) { Configure = o => o.ForwardedHeader = "X-Real-IP", ExpectedPort = 4444 },
        new("X-Real-IP from an untrusted peer", "203.0.113.9", "203.0.113.7", "203.0.113.9", UntrustedPeerSentHeaders) { Configure = o => o.ForwardedHeader = "X-Real-IP" },
        new("X-Real-IP with two values is ambiguous", "127.0.0.1", "1.1.1.1, 203.0.113.7", "127.0.0.1", AmbiguousHeader)
            { Configure = o => o.ForwardedHeader = "X-Real-IP", ExpectedConclusive = false },
        new("X-Real-IP on two lines is ambiguous", "127.0.0.1", "1.1.1.1\n203.0.113.7", "127.0.0.1", AmbiguousHeader)
            { Configure = o => o.ForwardedHeader = "X-Real-IP", ExpectedConclusive = false },
        new("X-Real-IP unknown", "127.0.0.1", "unknown", "127.0.0.1", ObfuscatedNode) { Configure = o => o.ForwardedHeader = "X-Real-IP", ExpectedConclusive = false },
        new("X-Real-IP garbage", "127.0.0.1", "127.1", "127.0.0.1", InvalidEntry) { Configure = o => o.ForwardedHeader = "X-Real-IP", ExpectedConclusive = false },
        new("X-Real-IP may name a trusted address", "127.0.0.1", "127.0.0.1", "127.0.0.1", ForwardedHeader) { Configure = o => o.ForwardedHeader = "X-Real-IP" },
        new("CF-Connecting-IP from a Cloudflare range", "173.245.48.5", "203.0.113.7", "203.0.113.7", ForwardedHeader) { Configure = CloudflareOnly },
        new("CF-Connecting-IP from Cloudflare IPv6", "2400:cb00:2049::1", "2001:db8::9", "2001:db8::9", ForwardedHeader) { Configure = CloudflareOnly },
        new("CF-Connecting-IP from outside Cloudflare is ignored", "198.51.100.9", "203.0.113.7", "198.51.100.9", UntrustedPeerSentHeaders) { Configure = CloudflareOnly },
        new("CF-Connecting-IP: loopback is no longer trusted once the list is replaced", "127.0.0.1", "203.0.113.7", "127.0.0.1", UntrustedPeerSentHeaders)
            { Configure = CloudflareOnly },
        new("X-Original-Forwarded-For is read as a list", "127.0.0.1", "203.0.113.7, 127.0.0.2", "203.0.113.7", ForwardedHeader)
            { Configure = o => o.ForwardedHeader = "X-Original-Forwarded-For" },

        // --- Peers that are not IP addresses ----------------------------------------------------------------------------
        new("no IP peer: nothing to report, header ignored", null, "203.0.113.7", null, NoRemoteAddress) { ExpectedConclusive = false },
        new("no IP peer and no header", null, null, null, NoRemoteAddress),
        new("no IP peer trusted when TrustNonIpPeers is on", null, "203.0.113.7", "203.0.113.7", ForwardedHeader) { Configure = o => o.TrustNonIpPeers = true },
        new("trusted non-IP peer, invalid first entry: no verified address", null, "127.1", null, InvalidEntry) { Configure = o => o.TrustNonIpPeers = true },
        new("trusted non-IP peer, obfuscated first entry: no verified address", null, "unknown", null, ObfuscatedNode) { Configure = o => o.TrustNonIpPeers = true },
        new("trusted non-IP peer, ambiguous single-address header: no address", null, "203.0.113.7\n198.51.100.4", null, AmbiguousHeader)
            { Configure = o => { o.TrustNonIpPeers = true; o.ForwardedHeader = "X-Real-IP"; } },
        new("trusted non-IP peer, trusted entry before an invalid one is the answer", null, "127.1, 127.0.0.2", "127.0.0.2", InvalidEntry)
            { Configure = o => o.TrustNonIpPeers = true },
    ];

    private static readonly Dictionary<string, ResolverCase> ByName = Cases.ToDictionary(c => c.Name);

    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Resolves(string name)
    {
        var row = ByName[name];

        var result = row.Run();

        Assert.Equal(row.ExpectedStatus, result.Status);
        Assert.Equal(row.ExpectedAddress, result.Address?.ToString());
        Assert.Equal(row.ExpectedPort, result.Port);
        if (row.ExpectedConclusive is { } conclusive)
        {
            Assert.Equal(conclusive, result.IsConclusive);
        }
        if (row.ExpectedProxies is not null)
        {
            Assert.Equal(row.ExpectedProxies, result.GetVerifiedProxies().Select(p => p.ToString()));
        }
    }

    [Fact]
    public void TableNamesAreUnique() => Assert.Equal(Cases.Length, ByName.Count);

    [Fact]
    public void UnmappedAnswersAreIPv4()
    {
        var result = new ClientIpResolver(new ClientIpOptions()).Resolve(System.Net.IPAddress.Parse("::ffff:203.0.113.7"), new Microsoft.AspNetCore.Http.HeaderDictionary());

        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, result.Address!.AddressFamily);
    }
}

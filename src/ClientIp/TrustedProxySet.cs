using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ClientIp;

/// <summary>
/// The validated <see cref="ClientIpOptions.TrustedProxies"/>: an immutable array of networks matched linearly (lists are
/// short; even Cloudflare's is about twenty ranges).
/// </summary>
internal sealed class TrustedProxySet
{
    private readonly IpNetwork[] _networks;

    private TrustedProxySet(IpNetwork[] networks) => _networks = networks;

    public bool Contains(IpValue address)
    {
        foreach (var network in _networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Parses every entry; each bad one adds an error that names the entry (by its text: an index would count defaults
    /// the user never wrote) and says why. A set whose ranges together cover all of IPv4 or IPv6 is refused like /0.
    /// </summary>
    public static TrustedProxySet Parse(IEnumerable<string?> entries, List<string> errors)
    {
        var networks = new List<IpNetwork>();
        var texts = new List<string>();
        foreach (var entry in entries)
        {
            if (TryParseEntry(entry, out var network, out var reason))
            {
                networks.Add(network);
                texts.Add(entry!.Trim());
            }
            else
            {
                errors.Add($"ClientIp:TrustedProxies entry \"{entry}\" is not a valid proxy address or CIDR range: {reason}");
            }
        }

        foreach (var isIPv4 in new[] { true, false })
        {
            if (CoversEverything(networks, isIPv4))
            {
                var named = texts.Where((_, i) => networks[i].Prefix.IsIPv4 == isIPv4).ToList();
                var list = string.Join(", ", named.Take(6).Select(t => $"\"{t}\"")) + (named.Count > 6 ? $" and {named.Count - 6} more" : "");
                errors.Add($"ClientIp:TrustedProxies entries {list} together cover every {(isIPv4 ? "IPv4" : "IPv6")} address: {EveryAddress}");
            }
        }

        return new TrustedProxySet(networks.ToArray());
    }

    /// <summary>Why trusting every address is refused; shared by /0 and by ranges that add up to it.</summary>
    private const string EveryAddress =
        "that trusts every address, so any client could forge its address. List your proxies' addresses or ranges instead. "
        + "(ClientIp:UnsafeTrustEveryPeer is not the same thing: it trusts every direct peer but still walks header entries "
        + "over TrustedProxies; use it only where nothing but your proxy can connect, see docs/resolver.md.)";

    /// <summary>Whether the networks of one family leave no address of it untrusted.</summary>
    private static bool CoversEverything(List<IpNetwork> networks, bool isIPv4)
    {
        var ranges = networks.Where(n => n.Prefix.IsIPv4 == isIPv4).Select(Range).ToList();
        if (!isIPv4)
        {
            // IPv4-mapped peers are matched as IPv4, so the IPv6 side never needs ::ffff:0:0/96.
            ranges.Add(((UInt128)0xFFFF << 32, ((UInt128)0xFFFF << 32) | 0xFFFF_FFFF));
        }

        ranges.Sort((a, b) => a.First.CompareTo(b.First));
        var last = isIPv4 ? (UInt128)uint.MaxValue : UInt128.MaxValue;
        UInt128 next = 0; // the lowest address not yet covered
        foreach (var (first, end) in ranges)
        {
            if (first > next)
            {
                return false;
            }

            if (end >= next)
            {
                if (end == last)
                {
                    return true;
                }

                next = end + 1;
            }
        }

        return false;
    }

    private static (UInt128 First, UInt128 Last) Range(IpNetwork network)
    {
        var bits = network.Prefix.IsIPv4 ? 32 : 128;
        var first = new UInt128(network.Prefix.High, network.Prefix.Low);
        var size = (UInt128.One << (bits - network.PrefixLength)) - 1; // prefixes are at least /1
        return (first, first + size);
    }

    /// <summary>One entry: an IPv4 or IPv6 address, or a CIDR range whose address has no bits set beyond the prefix.</summary>
    private static bool TryParseEntry(string? entry, out IpNetwork network, out string reason)
    {
        network = default;
        var text = (entry ?? string.Empty).AsSpan().Trim();
        if (text.IsEmpty)
        {
            reason = "the entry is empty.";
            return false;
        }

        if (text.IndexOfAny(",; \t") >= 0)
        {
            reason = text.IndexOf(',') >= 0
                ? "it holds several entries; list each address or range as its own entry."
                : "entries are separated by commas (\"10.0.0.0/8, 192.168.0.0/16\" in one string) or listed as separate array items, not by \";\" or spaces.";
            return false;
        }

        if (text.IndexOf('%') >= 0)
        {
            reason = "zones (%eth0) are host-specific and not allowed in trusted proxies; remove the zone.";
            return false;
        }

        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        IpValue address;
        bool isIPv4;
        if (IpSyntax.TryParseIPv4(addressText, out var v4))
        {
            address = IpValue.FromIPv4(v4);
            isIPv4 = true;
        }
        else if (IpSyntax.TryParseIPv6(addressText, out var high, out var low))
        {
            address = IpValue.FromIPv6(high, low);
            isIPv4 = false;
        }
        else
        {
            reason = "expected an IPv4 address as four decimal octets without leading zeros (192.168.0.20), an IPv6 address (::1), "
                + "or either followed by /prefix (10.0.0.0/8, fd00::/8).";
            return false;
        }

        var maxPrefix = isIPv4 ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0)
        {
            var prefixText = text[(slash + 1)..];
            if (!IpSyntax.TryParsePort(prefixText, out prefix) || prefix > maxPrefix)
            {
                reason = $"the prefix length must be a number from 1 to {maxPrefix.ToString(CultureInfo.InvariantCulture)}.";
                return false;
            }

            if (prefix == 0)
            {
                reason = "a /0 range " + EveryAddress;
                return false;
            }
        }

        var mapped = !isIPv4 && address.IsIPv4;
        if (mapped)
        {
            // An IPv4-mapped IPv6 entry (::ffff:10.0.0.0/104) means the IPv4 range; peers are unmapped before matching.
            if (prefix < 96)
            {
                reason = "a range that covers IPv4-mapped addresses (::ffff:0:0/96) must have a prefix of at least /96.";
                return false;
            }

            prefix -= 96;
            if (prefix == 0)
            {
                reason = "::ffff:0:0/96 covers every IPv4 address: " + EveryAddress;
                return false;
            }
        }

        if (IpNetwork.HasHostBits(address, prefix))
        {
            var masked = IpNetwork.Masked(address, prefix);
            var suggested = mapped
                ? $"::ffff:{masked}/{(prefix + 96).ToString(CultureInfo.InvariantCulture)}" // in the form the user wrote
                : $"{masked}/{prefix.ToString(CultureInfo.InvariantCulture)}";
            reason = $"the address has bits set outside the /{(mapped ? prefix + 96 : prefix).ToString(CultureInfo.InvariantCulture)} prefix; did you mean {suggested}?";
            return false;
        }

        network = new IpNetwork(address, prefix);
        reason = string.Empty;
        return true;
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;

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

    /// <summary>Parses every entry; each bad one adds an error that names the entry and says why.</summary>
    public static TrustedProxySet Parse(IEnumerable<string?> entries, List<string> errors)
    {
        var networks = new List<IpNetwork>();
        var index = 0;
        foreach (var entry in entries)
        {
            if (TryParseEntry(entry, out var network, out var reason))
            {
                networks.Add(network);
            }
            else
            {
                errors.Add($"ClientIp:TrustedProxies[{index}] \"{entry}\" is not a valid proxy address or CIDR range: {reason}");
            }

            index++;
        }

        return new TrustedProxySet(networks.ToArray());
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
                reason = "a /0 range trusts every address, so any client could forge its address. "
                    + "If that is really intended, set ClientIp:UnsafeTrustEveryPeer instead.";
                return false;
            }
        }

        if (!isIPv4 && address.IsIPv4)
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
                reason = "::ffff:0:0/96 trusts every IPv4 address, so any client could forge its address.";
                return false;
            }
        }

        if (IpNetwork.HasHostBits(address, prefix))
        {
            var suggested = new IpNetwork(IpNetwork.Masked(address, prefix), prefix);
            reason = $"the address has bits set outside the /{prefix.ToString(CultureInfo.InvariantCulture)} prefix; did you mean {suggested}?";
            return false;
        }

        network = new IpNetwork(address, prefix);
        reason = string.Empty;
        return true;
    }
}

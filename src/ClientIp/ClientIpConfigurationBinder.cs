using System;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Configuration;

namespace ClientIp;

/// <summary>
/// Binds <see cref="ClientIpOptions"/> from a configuration section without reflection, so that a configured
/// <c>TrustedProxies</c> list replaces the defaults instead of being appended to them, and a bad value names its key.
/// </summary>
internal static class ClientIpConfigurationBinder
{
    public static void Bind(IConfiguration section, ClientIpOptions options)
    {
        const string proxiesKey = nameof(ClientIpOptions.TrustedProxies);
        var proxies = section.GetSection(proxiesKey);
        var items = proxies.GetChildren().ToList();
        if (proxies.Value is { } list)
        {
            // A single string (handy in environment variables): comma-separated entries, "" = trust nobody. It wins over
            // array entries from any source, because configuration merges arrays index by index and cannot say which
            // source came last; that is how ClientIp__TrustedProxies= (empty) overrides an array in appsettings.json.
            // Some versions of the JSON provider (.NET 10) also report an empty array [] as "".
            options.TrustedProxies.Clear();
            foreach (var entry in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.TrustedProxies.Add(entry);
            }
        }
        else if (items.Count > 0)
        {
            options.TrustedProxies.Clear();

            // Array elements arrive keyed "0", "1", ...; keep their numeric order.
            foreach (var item in items.OrderBy(i => int.TryParse(i.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue))
            {
                options.TrustedProxies.Add(item.Value ?? string.Empty);
            }
        }
        else if (section.GetChildren().Any(child => string.Equals(child.Key, proxiesKey, StringComparison.OrdinalIgnoreCase)))
        {
            // The key is present with neither a value nor entries: [] as other versions of the JSON provider report it, {} or null.
            // An explicitly empty list trusts nobody; only a missing key keeps the loopback defaults.
            options.TrustedProxies.Clear();
        }

        if (section[nameof(ClientIpOptions.ForwardedHeader)] is { } header)
        {
            options.ForwardedHeader = header;
        }

        if (section[nameof(ClientIpOptions.TrustedHopCount)] is { } hopCount)
        {
            options.TrustedHopCount = hopCount.Length == 0 ? null : ParseInt(hopCount, nameof(ClientIpOptions.TrustedHopCount));
        }

        if (section[nameof(ClientIpOptions.MaxHops)] is { } maxHops)
        {
            options.MaxHops = ParseInt(maxHops, nameof(ClientIpOptions.MaxHops));
        }

        if (section[nameof(ClientIpOptions.TrustNonIpPeers)] is { } nonIp)
        {
            options.TrustNonIpPeers = ParseBool(nonIp, nameof(ClientIpOptions.TrustNonIpPeers));
        }

        if (section[nameof(ClientIpOptions.UnsafeTrustEveryPeer)] is { } everyPeer)
        {
            options.UnsafeTrustEveryPeer = ParseBool(everyPeer, nameof(ClientIpOptions.UnsafeTrustEveryPeer));
        }
    }

    private static int ParseInt(string value, string key) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new InvalidOperationException($"ClientIp:{key} \"{value}\" is not a whole number.");

    private static bool ParseBool(string value, string key) =>
        bool.TryParse(value, out var flag)
            ? flag
            : throw new InvalidOperationException($"ClientIp:{key} \"{value}\" must be true or false.");
}

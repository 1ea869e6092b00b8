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
    /// <summary>Every key the section may hold.</summary>
    public static readonly string[] Keys =
    [
        nameof(ClientIpOptions.TrustedProxies),
        nameof(ClientIpOptions.ForwardedHeader),
        nameof(ClientIpOptions.TrustedHopCount),
        nameof(ClientIpOptions.MaxHops),
        nameof(ClientIpOptions.TrustNonIpPeers),
        nameof(ClientIpOptions.UnsafeTrustEveryPeer),
        nameof(ClientIpOptions.UseForwardedProto),
        nameof(ClientIpOptions.UseForwardedHost),
        nameof(ClientIpOptions.UseForwardedPrefix),
        nameof(ClientIpOptions.AllowedHosts),
        nameof(ClientIpOptions.TrustedProxiesFile),
        nameof(ClientIpOptions.TrustedProxiesUrl),
        nameof(ClientIpOptions.TrustedProxiesRefreshInterval),
        nameof(ClientIpOptions.TrustedProxiesCacheFile),
    ];

    /// <summary>
    /// Binds <paramref name="section"/> onto <paramref name="options"/>. Problems (an unknown key, a value that is not a
    /// number) are recorded in <see cref="ClientIpOptions.ConfigurationErrors"/> and reported with the other validation
    /// errors when the host starts, all at once.
    /// </summary>
    public static void Bind(IConfiguration section, ClientIpOptions options)
    {
        foreach (var child in section.GetChildren())
        {
            if (!Keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                var guess = Keys.FirstOrDefault(k => Distance(k, child.Key) <= 3);
                options.ConfigurationErrors.Add(
                    $"ClientIp:{child.Key} is not a ClientIp setting{(guess is null ? "" : $" (did you mean {guess}?)")}; "
                    + $"the settings are {string.Join(", ", Keys)}.");
            }
        }

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
            options.TrustedHopCount = hopCount.Length == 0 ? null : ParseInt(hopCount, nameof(ClientIpOptions.TrustedHopCount), options);
        }

        if (section[nameof(ClientIpOptions.MaxHops)] is { } maxHops)
        {
            options.MaxHops = ParseInt(maxHops, nameof(ClientIpOptions.MaxHops), options) ?? options.MaxHops;
        }

        if (section[nameof(ClientIpOptions.TrustNonIpPeers)] is { } nonIp)
        {
            options.TrustNonIpPeers = ParseBool(nonIp, nameof(ClientIpOptions.TrustNonIpPeers), options) ?? options.TrustNonIpPeers;
        }

        options.UseForwardedProto = ParseBool(section, nameof(ClientIpOptions.UseForwardedProto), options) ?? options.UseForwardedProto;
        options.UseForwardedHost = ParseBool(section, nameof(ClientIpOptions.UseForwardedHost), options) ?? options.UseForwardedHost;
        options.UseForwardedPrefix = ParseBool(section, nameof(ClientIpOptions.UseForwardedPrefix), options) ?? options.UseForwardedPrefix;
        var hosts = section.GetSection(nameof(ClientIpOptions.AllowedHosts));
        var hostItems = hosts.Value is { } hostList
            ? hostList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : hosts.GetChildren().Select(c => c.Value ?? string.Empty).ToArray();
        if (hostItems.Length > 0)
        {
            options.AllowedHosts.Clear();
            foreach (var host in hostItems)
            {
                options.AllowedHosts.Add(host);
            }
        }

        options.TrustedProxiesFile = NonEmpty(section[nameof(ClientIpOptions.TrustedProxiesFile)]) ?? options.TrustedProxiesFile;
        options.TrustedProxiesUrl = NonEmpty(section[nameof(ClientIpOptions.TrustedProxiesUrl)]) ?? options.TrustedProxiesUrl;
        options.TrustedProxiesCacheFile = NonEmpty(section[nameof(ClientIpOptions.TrustedProxiesCacheFile)]) ?? options.TrustedProxiesCacheFile;
        if (section[nameof(ClientIpOptions.TrustedProxiesRefreshInterval)] is { } interval)
        {
            if (TimeSpan.TryParse(interval, CultureInfo.InvariantCulture, out var parsed))
            {
                options.TrustedProxiesRefreshInterval = parsed;
            }
            else
            {
                options.ConfigurationErrors.Add($"ClientIp:TrustedProxiesRefreshInterval \"{interval}\" is not a time span such as 01:00:00.");
            }
        }

        if (section[nameof(ClientIpOptions.UnsafeTrustEveryPeer)] is { } everyPeer)
        {
            options.UnsafeTrustEveryPeer = ParseBool(everyPeer, nameof(ClientIpOptions.UnsafeTrustEveryPeer), options) ?? options.UnsafeTrustEveryPeer;
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int? ParseInt(string value, string key, ClientIpOptions options)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        options.ConfigurationErrors.Add($"ClientIp:{key} \"{value}\" is not a whole number.");
        return null;
    }

    private static bool? ParseBool(IConfiguration section, string key, ClientIpOptions options) =>
        section[key] is { } value ? ParseBool(value, key, options) : null;

    private static bool? ParseBool(string value, string key, ClientIpOptions options)
    {
        if (bool.TryParse(value, out var flag))
        {
            return flag;
        }

        options.ConfigurationErrors.Add($"ClientIp:{key} \"{value}\" must be true or false.");
        return null;
    }

    /// <summary>Case-insensitive edit distance, for "did you mean".</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var same = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]);
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (same ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}

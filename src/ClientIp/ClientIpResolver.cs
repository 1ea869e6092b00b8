using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Globalization;
using System.Linq;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ClientIp;

/// <summary>
/// Finds the client address behind trusted reverse proxies. Headers are honoured only when the direct peer is a trusted
/// proxy; list headers are walked from the right over trusted hops and the first untrusted address is the client.
/// Immutable and thread-safe: build one per configuration and share it.
/// </summary>
public sealed class ClientIpResolver
{
    private readonly TrustedProxySet _trustedProxies;
    private readonly string _headerName;
    private readonly HeaderKind _headerKind;
    private readonly int _trustedHopCount; // 0 = walk over trusted proxies
    private readonly int _maxHops;
    private readonly bool _trustNonIpPeers;
    private readonly bool _trustEveryPeer;
    private readonly string[] _allowedHosts;

    /// <summary>Validates and copies <paramref name="options"/>.</summary>
    /// <param name="options">The configuration; later changes to it do not affect this resolver.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// Some option is invalid; the message lists every problem, naming the offending entry and why it is rejected.
    /// </exception>
    public ClientIpResolver(ClientIpOptions options)
        : this(options, Array.Empty<string>())
    {
    }

    /// <summary>Also trusts <paramref name="providerEntries"/>, already validated entries from a provider's list.</summary>
    internal ClientIpResolver(ClientIpOptions options, IReadOnlyList<string> providerEntries)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        _trustedProxies = Validate(options, providerEntries, errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "Invalid ClientIp configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)),
                nameof(options));
        }

        _headerName = options.ForwardedHeader.Trim();
        _headerKind = HeaderKinds.Of(_headerName);
        _trustedHopCount = options.TrustedHopCount ?? 0;
        _maxHops = options.MaxHops;
        _trustNonIpPeers = options.TrustNonIpPeers;
        _trustEveryPeer = options.UnsafeTrustEveryPeer;
        UseForwardedProto = options.UseForwardedProto;
        UseForwardedHost = options.UseForwardedHost;
        UseForwardedPrefix = options.UseForwardedPrefix;
        _allowedHosts = options.AllowedHosts.Select(h => h.Trim()).ToArray();
    }

    internal bool UseForwardedProto { get; }

    internal bool UseForwardedHost { get; }

    internal bool UseForwardedPrefix { get; }

    internal HeaderKind HeaderKind => _headerKind;

    /// <summary>Whether <paramref name="host"/> (without its port) is one of <see cref="ClientIpOptions.AllowedHosts"/>.</summary>
    internal bool IsAllowedHost(ReadOnlySpan<char> host)
    {
        foreach (var allowed in _allowedHosts)
        {
            if (allowed == "*"
                || (allowed.StartsWith("*.", StringComparison.Ordinal)
                    ? host.EndsWith(allowed.AsSpan(1), StringComparison.OrdinalIgnoreCase) && host.Length > allowed.Length - 1
                    : host.Equals(allowed, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The header this resolver reads.</summary>
    public string ForwardedHeader => _headerName;

    /// <summary>Whether <see cref="ClientIpOptions.UnsafeTrustEveryPeer"/> is on.</summary>
    public bool TrustsEveryPeer => _trustEveryPeer;

    /// <summary>Checks <paramref name="options"/> without building a resolver.</summary>
    /// <param name="options">The configuration to check.</param>
    /// <returns>One message per problem, naming the setting or entry and why it is rejected; empty when valid.</returns>
    public static IReadOnlyList<string> Validate(ClientIpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Validate(options, Array.Empty<string>(), errors);
        return errors;
    }

    private static TrustedProxySet Validate(ClientIpOptions options, IReadOnlyList<string> providerEntries, List<string> errors)
    {
        errors.AddRange(options.ConfigurationErrors);
        var trusted = TrustedProxySet.Parse((options.TrustedProxies ?? (IList<string>)Array.Empty<string>()).Concat(providerEntries), errors);
        if (options.TrustedProxiesFile is { Length: 0 })
        {
            errors.Add("ClientIp:TrustedProxiesFile is empty; name a file or leave it out.");
        }

        if (options.TrustedProxiesUrl is { } url
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            errors.Add($"ClientIp:TrustedProxiesUrl \"{url}\" is not an absolute http or https URL.");
        }

        if (options.TrustedProxiesRefreshInterval < TimeSpan.FromSeconds(1) || options.TrustedProxiesRefreshInterval > TimeSpan.FromDays(7))
        {
            errors.Add($"ClientIp:TrustedProxiesRefreshInterval {options.TrustedProxiesRefreshInterval} must be between 00:00:01 and 7.00:00:00.");
        }

        var header = options.ForwardedHeader?.Trim();
        if (string.IsNullOrEmpty(header) || !header.All(IsHeaderNameChar))
        {
            errors.Add($"ClientIp:ForwardedHeader \"{options.ForwardedHeader}\" is not a valid header name; "
                + "use X-Forwarded-For, Forwarded, or a single-address header such as X-Real-IP or CF-Connecting-IP.");
        }

        if (options.UseForwardedHost && (options.AllowedHosts?.Count ?? 0) == 0)
        {
            errors.Add("ClientIp:UseForwardedHost needs ClientIp:AllowedHosts: list the host names this application serves "
                + "(\"example.com\", \"*.example.com\"), or \"*\" to accept any host a trusted proxy reports.");
        }

        foreach (var host in options.AllowedHosts ?? (IList<string>)Array.Empty<string>())
        {
            var name = (host ?? string.Empty).Trim();
            var bare = name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name;
            if (name != "*" && (bare.Length == 0 || !bare.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '[' or ']' or ':')))
            {
                errors.Add($"ClientIp:AllowedHosts entry \"{host}\" is not a host name: use example.com, *.example.com or *.");
            }
        }

        if (options.MaxHops is < 1 or > 1000)
        {
            errors.Add($"ClientIp:MaxHops {options.MaxHops.ToString(CultureInfo.InvariantCulture)} must be between 1 and 1000.");
        }

        if (options.TrustedHopCount is { } count)
        {
            if (count < 1 || count > options.MaxHops)
            {
                errors.Add($"ClientIp:TrustedHopCount {count.ToString(CultureInfo.InvariantCulture)} must be between 1 and MaxHops "
                    + $"({options.MaxHops.ToString(CultureInfo.InvariantCulture)}).");
            }

            if (!string.IsNullOrEmpty(header) && HeaderKinds.Of(header) == HeaderKind.SingleAddress)
            {
                errors.Add($"ClientIp:TrustedHopCount applies only to list headers (X-Forwarded-For, Forwarded), not to \"{header}\", "
                    + "which carries a single address.");
            }
        }

        return trusted;
    }

    private static bool IsHeaderNameChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    /// <summary>Resolves the client of a request.</summary>
    /// <param name="remoteAddress">The direct peer (<c>HttpContext.Connection.RemoteIpAddress</c>); <see langword="null"/> for non-IP transports.</param>
    /// <param name="requestHeaders">The request headers; the configured header is looked up case-insensitively.</param>
    /// <returns>The client address, why it is the answer, and the verified proxies.</returns>
    public ClientIpResult Resolve(IPAddress? remoteAddress, IHeaderDictionary requestHeaders) =>
        Resolve(remoteAddress, null, requestHeaders);

    /// <summary>Resolves the client of a request, reporting <paramref name="remotePort"/> when the peer is the answer.</summary>
    /// <param name="remoteAddress">The direct peer (<c>HttpContext.Connection.RemoteIpAddress</c>); <see langword="null"/> for non-IP transports.</param>
    /// <param name="remotePort">The direct peer's port, if known.</param>
    /// <param name="requestHeaders">The request headers; the configured header is looked up case-insensitively.</param>
    /// <returns>The client address, why it is the answer, and the verified proxies.</returns>
    public ClientIpResult Resolve(IPAddress? remoteAddress, int? remotePort, IHeaderDictionary requestHeaders)
    {
        ArgumentNullException.ThrowIfNull(requestHeaders);
        return Resolve(remoteAddress, remotePort, requestHeaders[_headerName]);
    }

    /// <summary>
    /// Resolves the client of a request whose headers come as a <see cref="NameValueCollection"/>, such as
    /// <see cref="System.Net.HttpListenerRequest.Headers"/>, with the same guarantees as the other overloads.
    /// </summary>
    /// <param name="remoteAddress">The direct peer; <see langword="null"/> for non-IP transports.</param>
    /// <param name="remotePort">The direct peer's port, if known.</param>
    /// <param name="requestHeaders">
    /// The request headers; the configured header is looked up with the collection's comparer (case-insensitive for
    /// <see cref="WebHeaderCollection"/> and a default <see cref="NameValueCollection"/>), and all its lines are combined in order.
    /// </param>
    /// <returns>The client address, why it is the answer, and the verified proxies.</returns>
    public ClientIpResult Resolve(IPAddress? remoteAddress, int? remotePort, NameValueCollection requestHeaders)
    {
        ArgumentNullException.ThrowIfNull(requestHeaders);

        // Get joins every line of the header with commas, in arrival order; GetValues would split inside quoted strings.
        var combined = requestHeaders.Get(_headerName);
        return Resolve(remoteAddress, remotePort, combined is null ? StringValues.Empty : new StringValues(combined));
    }

    /// <summary>The one resolution, over the configured header's lines.</summary>
    internal ClientIpResult Resolve(IPAddress? remoteAddress, int? remotePort, StringValues values)
    {
        var peerTrusted = remoteAddress is null
            ? _trustNonIpPeers
            : _trustEveryPeer || _trustedProxies.Contains(IpValue.FromIPAddress(remoteAddress));
        if (values.Count == 0)
        {
            // A trusted peer without the header is a proxy talking for itself, or one that sends another header.
            return remoteAddress is null
                ? PeerResult(remotePort, remoteAddress, ClientIpStatus.NoRemoteAddress, conclusive: false)
                : PeerResult(remotePort, remoteAddress, ClientIpStatus.RemoteAddress, conclusive: !peerTrusted);
        }

        if (!peerTrusted)
        {
            // The peer's own address cannot be forged, but a private peer that sends forwarding headers looks like a proxy
            // missing from TrustedProxies, which would put every client on its address.
            return remoteAddress is null
                ? PeerResult(remotePort, remoteAddress, ClientIpStatus.NoRemoteAddress, conclusive: false)
                : PeerResult(remotePort, remoteAddress, ClientIpStatus.UntrustedPeerSentHeaders, conclusive: !IpValue.FromIPAddress(remoteAddress).IsLocalOrPrivate);
        }

        return _headerKind == HeaderKind.SingleAddress
            ? ResolveSingle(values, remotePort, remoteAddress)
            : ResolveList(values, remotePort, remoteAddress);
    }

    private ClientIpResult ResolveSingle(StringValues values, int? remotePort, IPAddress? remoteAddress)
    {
        var reader = new HeaderEntryReader(values, HeaderKind.SingleAddress);
        if (values.Count != 1 || !reader.MoveNext())
        {
            return PeerResult(remotePort, remoteAddress, ClientIpStatus.AmbiguousHeader, conclusive: false);
        }

        var entry = reader.Current;
        if (reader.MoveNext())
        {
            return PeerResult(remotePort, remoteAddress, ClientIpStatus.AmbiguousHeader, conclusive: false);
        }

        return entry.Kind switch
        {
            EntryKind.Address => Result(entry, ClientIpStatus.ForwardedHeader, remoteAddress, values, verifiedEntries: 0, conclusive: true),
            EntryKind.Obfuscated => PeerResult(remotePort, remoteAddress, ClientIpStatus.ObfuscatedNode, conclusive: false),
            _ => PeerResult(remotePort, remoteAddress, ClientIpStatus.InvalidEntry, conclusive: false),
        };
    }

    /// <summary>
    /// Walks a list header from the right. Empty elements are skipped but count against <c>MaxHops</c>, so the walk stays
    /// bounded. Besides the answer, the walk tracks the entry the address walk would answer (the first entry not in
    /// <c>TrustedProxies</c>, each one vouched for by the trusted hop to its right): every ending other than the normal
    /// one answers that entry, so in hop-count mode a count the header does not meet never hands the answer to an entry
    /// no trusted hop wrote.
    /// </summary>
    private ClientIpResult ResolveList(StringValues values, int? remotePort, IPAddress? remoteAddress)
    {
        var reader = new HeaderEntryReader(values, _headerKind);
        var examined = 0; // entries read, empty ones included
        var hops = 0; // address entries read
        var vouched = default(ParsedEntry); // the address walk's answer so far; Kind != Address while it is still the peer
        var vouchedHops = 0; // address entries up to and including it
        var vouchedIsFinal = false; // it is not in TrustedProxies, so the address walk ends there
        while (true)
        {
            if (!reader.MoveNext())
            {
                if (hops == 0)
                {
                    // Only empty elements: the same as no header.
                    return PeerResult(remotePort, remoteAddress, ClientIpStatus.RemoteAddress, conclusive: false);
                }

                // In hop-count mode there were too few entries; otherwise every entry was trusted and the leftmost is the answer.
                return _trustedHopCount > 0
                    ? Fallback(vouched, vouchedHops, ClientIpStatus.TooFewHops, remotePort, remoteAddress, values)
                    : Result(vouched, ClientIpStatus.AllHopsTrusted, remoteAddress, values, vouchedHops - 1, conclusive: true);
            }

            if (examined == _maxHops)
            {
                return Fallback(vouched, vouchedHops, ClientIpStatus.TooManyHops, remotePort, remoteAddress, values);
            }

            examined++;
            var entry = reader.Current;
            switch (entry.Kind)
            {
                case EntryKind.Empty:
                    continue;
                case EntryKind.Invalid:
                    return Fallback(vouched, vouchedHops, ClientIpStatus.InvalidEntry, remotePort, remoteAddress, values);
                case EntryKind.Obfuscated:
                    return Fallback(vouched, vouchedHops, ClientIpStatus.ObfuscatedNode, remotePort, remoteAddress, values);
            }

            hops++;
            if (!vouchedIsFinal)
            {
                vouched = entry;
                vouchedHops = hops;
                vouchedIsFinal = !_trustedProxies.Contains(entry.Address);
            }

            var isClient = _trustedHopCount > 0 ? hops == _trustedHopCount : vouchedIsFinal;
            if (isClient)
            {
                return Result(entry, ClientIpStatus.ForwardedHeader, remoteAddress, values, hops - 1, conclusive: !LooksLikeProxy(entry, ref reader, examined));
            }
        }
    }

    /// <summary>
    /// Whether the answer is a loopback or private address with more entries to its left: what a proxy missing from
    /// <c>TrustedProxies</c> looks like (it appended its client), as opposed to a client on the internal network.
    /// </summary>
    private bool LooksLikeProxy(ParsedEntry answer, ref HeaderEntryReader reader, int examined)
    {
        if (!answer.Address.IsLocalOrPrivate)
        {
            return false;
        }

        while (examined++ < _maxHops && reader.MoveNext())
        {
            if (reader.Current.Kind != EntryKind.Empty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The walk ended without finding the client: answer with the nearest vouched-for address, an entry or else the peer.</summary>
    private ClientIpResult Fallback(
        ParsedEntry vouched, int vouchedHops, ClientIpStatus status, int? remotePort, IPAddress? remoteAddress, StringValues values) =>
        vouched.Kind == EntryKind.Address
            ? Result(vouched, status, remoteAddress, values, vouchedHops - 1, conclusive: false)
            : PeerResult(remotePort, remoteAddress, status, conclusive: false);

    private ClientIpResult Result(ParsedEntry entry, ClientIpStatus status, IPAddress? remoteAddress, StringValues values, int verifiedEntries, bool conclusive) =>
        new(entry.Address.ToIPAddress(), entry.Port < 0 ? null : entry.Port, status, remoteAddress, values, _headerKind, verifiedEntries, peerIsVerifiedProxy: true, conclusive);

    /// <summary>The peer is the answer; an IPv4-mapped peer is unmapped here, only when it is the answer.</summary>
    private ClientIpResult PeerResult(int? remotePort, IPAddress? remoteAddress, ClientIpStatus status, bool conclusive) =>
        new(
            remoteAddress is { IsIPv4MappedToIPv6: true } ? remoteAddress.MapToIPv4() : remoteAddress,
            remoteAddress is null ? null : remotePort,
            status,
            remoteAddress,
            default,
            _headerKind,
            0,
            peerIsVerifiedProxy: false,
            conclusive);
}

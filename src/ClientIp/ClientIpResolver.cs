using System;
using System.Collections.Generic;
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

    /// <summary>Validates and copies <paramref name="options"/>.</summary>
    /// <param name="options">The configuration; later changes to it do not affect this resolver.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// Some option is invalid; the message lists every problem, naming the offending entry and why it is rejected.
    /// </exception>
    public ClientIpResolver(ClientIpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        _trustedProxies = Validate(options, errors);
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
        Validate(options, errors);
        return errors;
    }

    private static TrustedProxySet Validate(ClientIpOptions options, List<string> errors)
    {
        var trusted = TrustedProxySet.Parse(options.TrustedProxies ?? (IList<string>)Array.Empty<string>(), errors);
        var header = options.ForwardedHeader?.Trim();
        if (string.IsNullOrEmpty(header) || !header.All(IsHeaderNameChar))
        {
            errors.Add($"ClientIp:ForwardedHeader \"{options.ForwardedHeader}\" is not a valid header name; "
                + "use X-Forwarded-For, Forwarded, or a single-address header such as X-Real-IP or CF-Connecting-IP.");
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
        var values = requestHeaders[_headerName];
        var peerTrusted = remoteAddress is null
            ? _trustNonIpPeers
            : _trustEveryPeer || _trustedProxies.Contains(IpValue.FromIPAddress(remoteAddress));

        if (values.Count == 0)
        {
            return PeerResult(remotePort, remoteAddress, remoteAddress is null ? ClientIpStatus.NoRemoteAddress : ClientIpStatus.RemoteAddress);
        }

        if (!peerTrusted)
        {
            return PeerResult(remotePort, remoteAddress, remoteAddress is null ? ClientIpStatus.NoRemoteAddress : ClientIpStatus.UntrustedPeerSentHeaders);
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
            return PeerResult(remotePort, remoteAddress, ClientIpStatus.AmbiguousHeader);
        }

        var entry = reader.Current;
        if (reader.MoveNext())
        {
            return PeerResult(remotePort, remoteAddress, ClientIpStatus.AmbiguousHeader);
        }

        return entry.Kind switch
        {
            EntryKind.Address => Result(entry, ClientIpStatus.ForwardedHeader, remoteAddress, values, verifiedEntries: 0),
            EntryKind.Obfuscated => PeerResult(remotePort, remoteAddress, ClientIpStatus.ObfuscatedNode),
            _ => PeerResult(remotePort, remoteAddress, ClientIpStatus.InvalidEntry),
        };
    }

    private ClientIpResult ResolveList(StringValues values, int? remotePort, IPAddress? remoteAddress)
    {
        var reader = new HeaderEntryReader(values, _headerKind);
        var examined = 0;
        var nearest = default(ParsedEntry); // the last trusted entry; Kind == Invalid while it is still the peer
        while (true)
        {
            if (!reader.MoveNext())
            {
                // Every entry was trusted (or, in hop-count mode, there were too few): the leftmost is the answer.
                var status = _trustedHopCount > 0 ? ClientIpStatus.TooFewHops : ClientIpStatus.AllHopsTrusted;
                return Fallback(nearest, examined, status, remotePort, remoteAddress, values);
            }

            if (examined == _maxHops)
            {
                return Fallback(nearest, examined, ClientIpStatus.TooManyHops, remotePort, remoteAddress, values);
            }

            var entry = reader.Current;
            switch (entry.Kind)
            {
                case EntryKind.Invalid:
                    return Fallback(nearest, examined, ClientIpStatus.InvalidEntry, remotePort, remoteAddress, values);
                case EntryKind.Obfuscated:
                    return Fallback(nearest, examined, ClientIpStatus.ObfuscatedNode, remotePort, remoteAddress, values);
            }

            examined++;
            var isClient = _trustedHopCount > 0 ? examined == _trustedHopCount : !_trustedProxies.Contains(entry.Address);
            if (isClient)
            {
                return Result(entry, ClientIpStatus.ForwardedHeader, remoteAddress, values, examined - 1);
            }

            nearest = entry;
        }
    }

    /// <summary>The walk ended without finding the client: answer with the nearest verified address, the last trusted entry or else the peer.</summary>
    private ClientIpResult Fallback(
        ParsedEntry nearest, int examined, ClientIpStatus status, int? remotePort, IPAddress? remoteAddress, StringValues values) =>
        examined == 0
            ? PeerResult(remotePort, remoteAddress, status)
            : Result(nearest, status, remoteAddress, values, examined - 1);

    private ClientIpResult Result(ParsedEntry entry, ClientIpStatus status, IPAddress? remoteAddress, StringValues values, int verifiedEntries) =>
        new(entry.Address.ToIPAddress(), entry.Port < 0 ? null : entry.Port, status, remoteAddress, values, _headerKind, verifiedEntries, peerIsVerifiedProxy: true);

    /// <summary>The peer is the answer; an IPv4-mapped peer is unmapped here, only when it is the answer.</summary>
    private ClientIpResult PeerResult(int? remotePort, IPAddress? remoteAddress, ClientIpStatus status) =>
        new(
            remoteAddress is { IsIPv4MappedToIPv6: true } ? remoteAddress.MapToIPv4() : remoteAddress,
            remoteAddress is null ? null : remotePort,
            status,
            remoteAddress,
            default,
            _headerKind,
            0,
            peerIsVerifiedProxy: false);
}

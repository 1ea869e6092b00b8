using System;
using System.Collections.Generic;
using System.Net;
using Microsoft.Extensions.Primitives;

namespace ClientIp;

/// <summary>
/// The client address <see cref="ClientIpResolver"/> found, the port the nearest trustworthy source reported, why it
/// answered that (<see cref="Status"/>) and through which verified proxies the request came.
/// </summary>
/// <remarks>
/// A small value type so that resolving allocates nothing beyond the returned address; the verified chain is re-read from
/// the header on demand by <see cref="GetVerifiedProxies"/>.
/// </remarks>
public readonly struct ClientIpResult : IEquatable<ClientIpResult>
{
    private readonly StringValues _headerValues;
    private readonly HeaderKind _headerKind;
    private readonly int _verifiedEntries;
    private readonly bool _peerIsVerifiedProxy;
    private readonly bool _isConclusive;

    internal ClientIpResult(
        IPAddress? address,
        int? port,
        ClientIpStatus status,
        IPAddress? remoteAddress,
        StringValues headerValues,
        HeaderKind headerKind,
        int verifiedEntries,
        bool peerIsVerifiedProxy,
        bool isConclusive)
    {
        Address = address;
        Port = port;
        Status = status;
        RemoteAddress = remoteAddress;
        _headerValues = headerValues;
        _headerKind = headerKind;
        _verifiedEntries = verifiedEntries;
        _peerIsVerifiedProxy = peerIsVerifiedProxy;
        _isConclusive = isConclusive;
    }

    /// <summary>How many header entries right of the answer were verified (the trusted hops the walk passed).</summary>
    internal int VerifiedEntries => _verifiedEntries;

    /// <summary>The connection as ForwardedHeadersMiddleware left it: the answer, never conclusive.</summary>
    internal static ClientIpResult RewrittenByForwardedHeadersMiddleware(IPAddress? remoteAddress, int remotePort) =>
        new(
            remoteAddress is { IsIPv4MappedToIPv6: true } ? remoteAddress.MapToIPv4() : remoteAddress,
            remoteAddress is null ? null : remotePort,
            ClientIpStatus.ForwardedHeadersMiddlewareRan,
            remoteAddress,
            default,
            HeaderKind.AddressList,
            0,
            peerIsVerifiedProxy: false,
            isConclusive: false);

    /// <summary>
    /// The client address: never a string an untrusted party wrote into an untrusted position. IPv4-mapped IPv6 addresses
    /// are unmapped and zones are dropped.
    /// </summary>
    /// <remarks>
    /// <see langword="null"/> only when the connection has no IP peer and so no verified address exists: with
    /// <see cref="ClientIpStatus.NoRemoteAddress"/>, or, when <see cref="ClientIpOptions.TrustNonIpPeers"/> is on, when the
    /// header yields no address before the walk ends (<see cref="ClientIpStatus.InvalidEntry"/> or
    /// <see cref="ClientIpStatus.ObfuscatedNode"/> at the first entry, <see cref="ClientIpStatus.AmbiguousHeader"/>).
    /// </remarks>
    public IPAddress? Address { get; }

    /// <summary>
    /// The client port when the source that supplied <see cref="Address"/> reported one (a header entry such as
    /// <c>1.2.3.4:5678</c>, or the connection when the peer is the answer and its port was given); otherwise <see langword="null"/>.
    /// </summary>
    public int? Port { get; }

    /// <summary>Why <see cref="Address"/> is the answer.</summary>
    public ClientIpStatus Status { get; }

    /// <summary>The direct peer of the connection exactly as it was passed to <c>ClientIpResolver.Resolve</c>.</summary>
    public IPAddress? RemoteAddress { get; }

    /// <summary>
    /// <see langword="true"/> when the walk of the forwarding header ended normally on an entry
    /// (<see cref="ClientIpStatus.ForwardedHeader"/> or <see cref="ClientIpStatus.AllHopsTrusted"/>), so that
    /// <see cref="Address"/> is the address a trusted proxy reported, not the connection's peer or a fallback.
    /// </summary>
    public bool IsFromHeader => Status is ClientIpStatus.ForwardedHeader or ClientIpStatus.AllHopsTrusted;

    /// <summary>
    /// <see langword="true"/> when <see cref="Address"/> is the client as far as the configuration can tell, and nothing in
    /// the request suggests a misconfiguration that puts many clients on one address. Check it before a decision that
    /// grants something on the strength of the address (an allow-list, a trusted-network exemption).
    /// </summary>
    /// <remarks>
    /// <see langword="true"/> for: <see cref="ClientIpStatus.RemoteAddress"/> from a peer that is not a trusted proxy;
    /// <see cref="ClientIpStatus.UntrustedPeerSentHeaders"/> from a public peer (its own address cannot be forged; the
    /// header it forged was ignored); <see cref="ClientIpStatus.ForwardedHeader"/> and
    /// <see cref="ClientIpStatus.AllHopsTrusted"/>, except when the answer is a loopback or private address with more
    /// entries to its left. <see langword="false"/> for every other status, and for the cases that look like a proxy
    /// missing from the configuration: a trusted proxy that sent no configured header (its own address is the answer),
    /// a loopback or private peer that sent forwarding headers without being trusted, and a header walk that ended on a
    /// loopback or private address with more entries to its left.
    /// </remarks>
    public bool IsConclusive => _isConclusive;

    /// <summary>
    /// The verified proxies the request passed through, ordered from the one nearest the client to the direct peer.
    /// Empty when no proxy was trusted.
    /// </summary>
    /// <remarks>Computed on each call by re-reading the verified header entries, so the resolution itself stays allocation-free.</remarks>
    public IReadOnlyList<IPAddress> GetVerifiedProxies()
    {
        var proxies = new List<IPAddress>(_verifiedEntries + 1);
        if (_verifiedEntries > 0)
        {
            var reader = new HeaderEntryReader(_headerValues, _headerKind);
            while (proxies.Count < _verifiedEntries && reader.MoveNext())
            {
                var entry = reader.Current;
                if (entry.Kind == EntryKind.Empty)
                {
                    continue;
                }

                if (entry.Kind != EntryKind.Address)
                {
                    break;
                }

                proxies.Add(entry.Address.ToIPAddress());
            }

            proxies.Reverse();
        }

        if (_peerIsVerifiedProxy && RemoteAddress is not null)
        {
            proxies.Add(RemoteAddress.IsIPv4MappedToIPv6 ? RemoteAddress.MapToIPv4() : RemoteAddress);
        }

        return proxies;
    }

    /// <summary>
    /// A rate-limiting partition key for the client: the address as text for IPv4 (<c>"203.0.113.7"</c>), and for IPv6 the
    /// network of the first <paramref name="ipv6PrefixLength"/> bits (<c>"2001:db8:1:2::/64"</c>), because one subscriber
    /// usually owns a whole /64 and could otherwise rotate through its addresses. <c>"unknown"</c> when
    /// <see cref="Address"/> is <see langword="null"/> (no IP peer), so such requests share one partition.
    /// </summary>
    /// <param name="ipv6PrefixLength">How many leading bits of an IPv6 address identify a client: 1 to 128, default 64.</param>
    /// <returns>The key; equal for requests that should share a limit.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ipv6PrefixLength"/> is not between 1 and 128.</exception>
    public string GetPartitionKey(int ipv6PrefixLength = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ipv6PrefixLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ipv6PrefixLength, 128);
        if (Address is null)
        {
            return "unknown";
        }

        var address = IpValue.FromIPAddress(Address); // drops a zone (ScopeId); Address is never IPv4-mapped
        return address.IsIPv4
            ? address.ToString()
            : $"{IpNetwork.Masked(address, ipv6PrefixLength)}/{ipv6PrefixLength.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <inheritdoc />
    public bool Equals(ClientIpResult other) =>
        Equals(Address, other.Address) && Port == other.Port && Status == other.Status && Equals(RemoteAddress, other.RemoteAddress)
        && _verifiedEntries == other._verifiedEntries && _peerIsVerifiedProxy == other._peerIsVerifiedProxy
        && _isConclusive == other._isConclusive;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ClientIpResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Address, Port, Status, RemoteAddress, _verifiedEntries);

    /// <summary>Compares two results by value.</summary>
    public static bool operator ==(ClientIpResult left, ClientIpResult right) => left.Equals(right);

    /// <summary>Compares two results by value.</summary>
    public static bool operator !=(ClientIpResult left, ClientIpResult right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() =>
        Port is { } port ? $"{Address} port {port} ({Status})" : $"{Address?.ToString() ?? "(none)"} ({Status})";
}

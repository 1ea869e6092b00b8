namespace ClientIp;

/// <summary>Why <see cref="ClientIpResolver"/> answered what it answered.</summary>
public enum ClientIpStatus
{
    /// <summary>
    /// The connection has no IP peer (Unix socket, named pipe, an in-memory test server) and
    /// <see cref="ClientIpOptions.TrustNonIpPeers"/> is off, so there is no address to report.
    /// </summary>
    NoRemoteAddress = 0,

    /// <summary>
    /// No configured forwarding header arrived (or only empty list elements), so the direct peer is the answer. When the
    /// peer is not a trusted proxy it is the client. When it is one, the answer is that proxy (it made the request itself,
    /// or it sends another header) and <see cref="ClientIpResult.IsConclusive"/> is <see langword="false"/>.
    /// </summary>
    RemoteAddress,

    /// <summary>
    /// The direct peer is not a trusted proxy but sent the configured forwarding header. The header was ignored and the
    /// peer is the answer. Behind a load balancer or Kubernetes ingress this means <see cref="ClientIpOptions.TrustedProxies"/>
    /// is missing the proxy's address; a loopback or private peer is therefore not conclusive, a public one (a client
    /// that forged the header) is.
    /// </summary>
    UntrustedPeerSentHeaders,

    /// <summary>
    /// The answer comes from the forwarding header: the first untrusted entry walking right to left, the entry
    /// <see cref="ClientIpOptions.TrustedHopCount"/> proxies away, or the value of a single-address header.
    /// </summary>
    ForwardedHeader,

    /// <summary>Every entry of the header is a trusted proxy; the leftmost entry is the answer.</summary>
    AllHopsTrusted,

    /// <summary>
    /// The walk stopped at an entry that is not a strictly formed IP address (garbage, a control character, an overlong
    /// address entry, a bad port, <c>0.0.0.0</c> or <c>::</c>, a <c>Forwarded</c> element without a single well-formed
    /// <c>for</c>). Empty list elements are skipped, not invalid. The answer is the nearest vouched-for address; none
    /// (<see langword="null"/>) when the peer is a trusted non-IP peer and the first entry ended the walk.
    /// </summary>
    InvalidEntry,

    /// <summary>
    /// The walk stopped at a node a proxy deliberately hid: <c>unknown</c> or an RFC 7239 obfuscated identifier such as
    /// <c>_hidden</c>. The answer is the nearest vouched-for address; none (<see langword="null"/>) when the peer is a trusted
    /// non-IP peer and the first entry ended the walk.
    /// </summary>
    ObfuscatedNode,

    /// <summary>
    /// More than <see cref="ClientIpOptions.MaxHops"/> entries (empty ones included) would have to be examined. The answer
    /// is the nearest vouched-for address.
    /// </summary>
    TooManyHops,

    /// <summary>
    /// <see cref="ClientIpOptions.TrustedHopCount"/> proxies are configured but the header has fewer entries, so the count
    /// cannot be relied on. The answer is what the walk over <see cref="ClientIpOptions.TrustedProxies"/> gives: the first
    /// entry from the right that is not a trusted proxy (written by the trusted peer or a trusted entry), or the leftmost
    /// entry if all are trusted; never an entry no trusted hop wrote.
    /// </summary>
    TooFewHops,

    /// <summary>
    /// A single-address header (such as <c>X-Real-IP</c>) carried more than one value, so it cannot be told which one the
    /// proxy wrote. The answer is the peer (<see langword="null"/> for a trusted non-IP peer).
    /// </summary>
    AmbiguousHeader,

    /// <summary>
    /// <c>ForwardedHeadersMiddleware</c> (<c>UseForwardedHeaders()</c>, or <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>)
    /// rewrote the connection before the resolver could read it, and the original peer was not recorded: the request
    /// carries its <c>X-Original-For</c> header and <c>AddClientIp</c> was not called (with it, the resolver reads every
    /// request before any middleware and this status does not occur). The answer is the connection's address as that
    /// middleware left it, which may be one a client chose; it is never conclusive. Logged as a warning.
    /// </summary>
    ForwardedHeadersMiddlewareRan,
}

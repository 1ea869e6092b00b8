using System.Collections.Generic;

namespace ClientIp;

/// <summary>
/// How the client address is resolved from the direct peer and the forwarding headers it sent.
/// Bindable from the <c>"ClientIp"</c> configuration section.
/// </summary>
public sealed class ClientIpOptions
{
    /// <summary>The configuration section these options bind from by default.</summary>
    public const string SectionName = "ClientIp";

    /// <summary>
    /// Proxies whose forwarding headers are honoured: single addresses (<c>"192.168.0.20"</c>, <c>"::1"</c>) and CIDR
    /// ranges (<c>"10.0.0.0/8"</c>). Defaults to loopback (<c>127.0.0.0/8</c> and <c>::1</c>). An empty list trusts nobody.
    /// </summary>
    public IList<string> TrustedProxies { get; } = new List<string> { "127.0.0.0/8", "::1" };

    /// <summary>
    /// The header that carries the client address: <c>"X-Forwarded-For"</c> (default), <c>"Forwarded"</c> (RFC 7239),
    /// or a single-address header such as <c>"X-Real-IP"</c> or <c>"CF-Connecting-IP"</c>.
    /// </summary>
    public string ForwardedHeader { get; set; } = "X-Forwarded-For";

    /// <summary>Optional exact number of proxies in front of the application.</summary>
    public int? TrustedHopCount { get; set; }

    /// <summary>The most header entries examined for one request.</summary>
    public int MaxHops { get; set; } = 20;
}

using System;
using System.Collections.Generic;

namespace ClientIp;

/// <summary>
/// How the client address is resolved from the direct peer and the forwarding headers it sent.
/// Bindable from the <c>"ClientIp"</c> configuration section.
/// </summary>
/// <remarks>
/// <see cref="ClientIpResolver"/> validates these options once, when it is constructed, and copies them; changing the
/// options afterwards does not affect an existing resolver. <c>AddClientIp(configuration)</c> builds a new resolver when
/// the configuration changes.
/// </remarks>
public sealed class ClientIpOptions
{
    /// <summary>The configuration section these options bind from by default.</summary>
    public const string SectionName = "ClientIp";

    /// <summary>The default of <see cref="MaxHops"/>.</summary>
    public const int DefaultMaxHops = 20;

    /// <summary>
    /// Proxies whose forwarding headers are honoured: single addresses (<c>"192.168.0.20"</c>, <c>"::1"</c>) and CIDR
    /// ranges (<c>"10.0.0.0/8"</c>). Defaults to loopback (<c>127.0.0.0/8</c> and <c>::1</c>). An empty list trusts nobody.
    /// </summary>
    /// <remarks>
    /// Entries are validated strictly: a range with host bits set (<c>10.0.0.1/8</c>), a <c>/0</c>, a zone
    /// (<c>fe80::1%eth0</c>) or anything that is not an address is an error, never silently rewritten.
    /// Binding a <c>TrustedProxies</c> array or comma-separated string with <c>AddClientIp(configuration)</c> replaces the
    /// defaults; an empty one (<c>[]</c>, <c>""</c>, or the environment variable <c>ClientIp__TrustedProxies</c> set to
    /// nothing) trusts nobody. Only a missing key keeps the defaults.
    /// </remarks>
    public IList<string> TrustedProxies { get; } = new List<string> { "127.0.0.0/8", "::1" };

    /// <summary>
    /// The header that carries the client address: <c>"X-Forwarded-For"</c> (default), <c>"Forwarded"</c> (RFC 7239),
    /// or a single-address header such as <c>"X-Real-IP"</c> or <c>"CF-Connecting-IP"</c>. Names ending in
    /// <c>Forwarded-For</c> are read as lists; any other name except <c>Forwarded</c> must carry exactly one address.
    /// </summary>
    public string ForwardedHeader { get; set; } = "X-Forwarded-For";

    /// <summary>
    /// Optional exact number of proxies in front of the application (ProxyFix style). When set, exactly that many
    /// proxies are peeled off the list header, whatever their addresses, and the direct peer must still be in
    /// <see cref="TrustedProxies"/>. Leave unset to walk the list over <see cref="TrustedProxies"/> instead.
    /// </summary>
    public int? TrustedHopCount { get; set; }

    /// <summary>The most header entries examined for one request (default 20).</summary>
    public int MaxHops { get; set; } = DefaultMaxHops;

    /// <summary>
    /// Whether a connection without an IP peer (Unix domain socket, named pipe) counts as a trusted proxy. Off by default,
    /// so such requests get no address rather than one taken from a header nobody verified. Turn it on when nginx on the
    /// same host talks to the app over a Unix socket.
    /// </summary>
    public bool TrustNonIpPeers { get; set; }

    /// <summary>
    /// DANGEROUS. Treats every direct peer as a trusted proxy, whatever its address, so that any client that can reach the
    /// application directly can choose the address it is resolved to. Header entries are still walked over
    /// <see cref="TrustedProxies"/>. Only for an application that is reachable exclusively through a proxy, enforced by the
    /// network; prefer listing the proxy's addresses in <see cref="TrustedProxies"/>. With <c>AddClientIp</c>, a warning
    /// (event <c>UnsafeTrustEveryPeer</c>) is logged once when the host starts. A <see cref="ClientIpResolver"/> built
    /// directly logs nothing.
    /// </summary>
    public bool UnsafeTrustEveryPeer { get; set; }

    /// <summary>
    /// Whether <c>UseClientIp()</c> sets <c>Request.Scheme</c> from what the nearest trusted proxy reported for the client's
    /// connection: <c>X-Forwarded-Proto</c>, or the <c>proto</c> parameter of the same <c>Forwarded</c> element as the
    /// client address when <see cref="ForwardedHeader"/> is <c>Forwarded</c>. Only <c>http</c> and <c>https</c> are applied,
    /// and only from positions trusted proxies wrote. Off by default.
    /// </summary>
    public bool UseForwardedProto { get; set; }

    /// <summary>
    /// Whether <c>UseClientIp()</c> sets <c>Request.Host</c> from <c>X-Forwarded-Host</c> (or the <c>host</c> parameter of
    /// <c>Forwarded</c>), like <see cref="UseForwardedProto"/>. Requires <see cref="AllowedHosts"/>. Off by default.
    /// </summary>
    public bool UseForwardedHost { get; set; }

    /// <summary>
    /// Whether <c>UseClientIp()</c> sets <c>Request.PathBase</c> from <c>X-Forwarded-Prefix</c>, like
    /// <see cref="UseForwardedProto"/>. The prefix must be an absolute path without a scheme, <c>..</c> or <c>.</c>
    /// segments, query or fragment. Off by default.
    /// </summary>
    public bool UseForwardedPrefix { get; set; }

    /// <summary>
    /// The host names a forwarded host may take (required with <see cref="UseForwardedHost"/>): exact names
    /// (<c>example.com</c>), subdomain wildcards (<c>*.example.com</c>, which does not match <c>example.com</c> itself), or
    /// <c>*</c> for any. Compared case-insensitively, without the port.
    /// </summary>
    public IList<string> AllowedHosts { get; } = new List<string>();

    /// <summary>
    /// A file listing more trusted proxies (a provider's published ranges): plain text, one address or range per line
    /// (<c>#</c> comments), or JSON whose every string is an entry. Added to <see cref="TrustedProxies"/>, validated the same
    /// way, and watched: a changed file takes effect without a restart, an invalid one is logged and not applied. A missing
    /// or invalid file at startup stops the application.
    /// </summary>
    public string? TrustedProxiesFile { get; set; }

    /// <summary>
    /// A URL (http or https) serving a list like <see cref="TrustedProxiesFile"/>, such as
    /// <c>https://www.cloudflare.com/ips-v4</c>. Fetched when the application starts and every
    /// <see cref="TrustedProxiesRefreshInterval"/>; each good list is kept in <see cref="TrustedProxiesCacheFile"/> and used at
    /// startup when the URL cannot be reached. A list that is empty or has any invalid entry is logged and never applied.
    /// </summary>
    public string? TrustedProxiesUrl { get; set; }

    /// <summary>How often <see cref="TrustedProxiesUrl"/> is fetched again (default one hour; at least one second).</summary>
    public TimeSpan TrustedProxiesRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Where the last good list from <see cref="TrustedProxiesUrl"/> is kept; default: a file named after the URL in the
    /// temporary folder. Set it to a persistent path so a restart without network still trusts the provider.
    /// </summary>
    public string? TrustedProxiesCacheFile { get; set; }

    /// <summary>Problems found while binding configuration (unknown keys, bad numbers), reported by validation.</summary>
    internal List<string> ConfigurationErrors { get; } = new();
}

using System.Net;
using Microsoft.AspNetCore.Http;

namespace ClientIp;

/// <summary>
/// The resolution of one request, stored in <c>HttpContext.Features</c> so that it runs at most once per request and the
/// original peer stays available after <c>UseClientIp()</c> rewrote <c>Connection.RemoteIpAddress</c>.
/// </summary>
public interface IClientIpFeature
{
    /// <summary>The direct peer of the connection before any rewrite.</summary>
    IPAddress? OriginalRemoteIpAddress { get; }

    /// <summary>The direct peer's port before any rewrite.</summary>
    int OriginalRemotePort { get; }

    /// <summary>The resolved client and why.</summary>
    ClientIpResult Result { get; }

    /// <summary><c>Request.Scheme</c> before <c>UseClientIp()</c> applied a forwarded scheme.</summary>
    string OriginalScheme { get; }

    /// <summary><c>Request.Host</c> before <c>UseClientIp()</c> applied a forwarded host.</summary>
    HostString OriginalHost { get; }

    /// <summary><c>Request.PathBase</c> before <c>UseClientIp()</c> applied a forwarded prefix.</summary>
    PathString OriginalPathBase { get; }

    /// <summary>
    /// The scheme the nearest trusted proxy reported for the client (<c>http</c> or <c>https</c>), which <c>UseClientIp()</c>
    /// applies; <see langword="null"/> when <c>UseForwardedProto</c> is off, none was sent from a trusted position, or it was invalid.
    /// </summary>
    string? ForwardedScheme { get; }

    /// <summary>The validated, allowed host a trusted proxy reported (<c>UseForwardedHost</c>), or <see langword="null"/>.</summary>
    HostString? ForwardedHost { get; }

    /// <summary>The validated path base a trusted proxy reported (<c>UseForwardedPrefix</c>), or <see langword="null"/>.</summary>
    PathString? ForwardedPathBase { get; }
}

using System.Net;

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
}

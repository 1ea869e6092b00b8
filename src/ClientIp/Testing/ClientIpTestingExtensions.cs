using System;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace ClientIp.Testing;

/// <summary>
/// For an application's own unit tests of code that calls <see cref="ClientIpHttpContextExtensions.GetClientIpAddress"/>.
/// A bare <c>new DefaultHttpContext()</c> has no peer (<c>Connection.RemoteIpAddress</c> is null), so the resolver
/// honours no forwarding header on it and answers <see langword="null"/>: secure, but not what a test that only set
/// <c>X-Forwarded-For</c> expects.
/// </summary>
public static class ClientIpTestingExtensions
{
    private static readonly ClientIpResolver PeerOnly = new(new ClientIpOptions());

    /// <summary>
    /// Makes the request come through a reverse proxy on the same host, as nginx there forwards it: the peer becomes
    /// <c>127.0.0.1</c> (trusted by the default options) and <paramref name="forwardedFor"/> is the
    /// <c>X-Forwarded-For</c> header it sent. Any resolution already stored for the request is dropped.
    /// </summary>
    /// <param name="context">The request under test.</param>
    /// <param name="forwardedFor">The header value, e.g. <c>"203.0.113.7"</c> or <c>"198.51.100.1, 203.0.113.7"</c>.</param>
    /// <returns><paramref name="context"/>.</returns>
    /// <remarks>
    /// The real resolver then walks the header, with the options of <c>context.RequestServices</c> (the defaults
    /// without <c>AddClientIp</c>). Options whose <c>TrustedProxies</c> leave out loopback ignore the header: set
    /// <c>Connection.RemoteIpAddress</c> to one of your proxies and the header yourself instead.
    /// </remarks>
    public static HttpContext SetForwardedByLocalProxy(this HttpContext context, string forwardedFor)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(forwardedFor);
        context.Features.Set<IClientIpFeature>(null);
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        return context;
    }

    /// <summary>
    /// Makes <see cref="ClientIpHttpContextExtensions.GetClientIpAddress"/> of the request answer
    /// <paramref name="client"/>, whatever the connection and headers say, as if the resolver had already resolved it
    /// (<see cref="ClientIpResult.Status"/> is <see cref="ClientIpStatus.RemoteAddress"/>, or
    /// <see cref="ClientIpStatus.NoRemoteAddress"/> for <see langword="null"/>). For tests of code that uses the client
    /// address, not of how it is found.
    /// </summary>
    /// <param name="context">The request under test.</param>
    /// <param name="client">The client address the code under test must see.</param>
    /// <returns><paramref name="context"/>.</returns>
    public static HttpContext SetClientIpAddress(this HttpContext context, IPAddress? client)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = PeerOnly.Resolve(client, new HeaderDictionary());
        context.Features.Set<IClientIpFeature>(
            new ClientIpFeature(context.Connection.RemoteIpAddress, context.Connection.RemotePort, result, context.Request, forwarded: default));
        return context;
    }
}

using System;
using System.Net;

namespace ClientIp;

/// <summary>
/// Resolves the client of a <see cref="HttpListenerRequest"/> (apps built on <see cref="HttpListener"/> rather than
/// ASP.NET Core) with the same rules and guarantees as <c>HttpContext.GetClientIpAddress()</c>.
/// </summary>
/// <remarks>
/// The library is built against the ASP.NET Core shared framework, so an app using these methods needs the
/// <c>Microsoft.AspNetCore.App</c> runtime installed (the package's framework reference adds it to the app's
/// runtimeconfig.json), as ASP.NET Core apps do.
/// </remarks>
public static class ClientIpHttpListenerExtensions
{
    /// <summary>
    /// The client address of the request with the default options: loopback proxies are trusted and
    /// <c>X-Forwarded-For</c> is read, as <c>HttpContext.GetClientIpAddress()</c> does without <c>AddClientIp</c>.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns>The client address (IPv4-mapped addresses unmapped), or <see langword="null"/> when the request has no IP peer.</returns>
    public static IPAddress? GetClientIpAddress(this HttpListenerRequest request) => GetClientIpResult(request).Address;

    /// <summary>The client address of the request as <paramref name="resolver"/> resolves it.</summary>
    /// <param name="request">The request.</param>
    /// <param name="resolver">The resolver built from your options; build it once and share it.</param>
    /// <returns>The client address (IPv4-mapped addresses unmapped), or <see langword="null"/> when the request has no IP peer.</returns>
    public static IPAddress? GetClientIpAddress(this HttpListenerRequest request, ClientIpResolver resolver) =>
        GetClientIpResult(request, resolver).Address;

    /// <summary>The full resolution of the request with the default options: address, port, why, and the verified proxies.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The result. Each call resolves again; keep the result if you need it twice.</returns>
    public static ClientIpResult GetClientIpResult(this HttpListenerRequest request) =>
        GetClientIpResult(request, ClientIpServices.Defaults.Resolver);

    /// <summary>The full resolution of the request as <paramref name="resolver"/> resolves it.</summary>
    /// <param name="request">The request.</param>
    /// <param name="resolver">The resolver built from your options; build it once and share it.</param>
    /// <returns>The result. Each call resolves again; keep the result if you need it twice.</returns>
    public static ClientIpResult GetClientIpResult(this HttpListenerRequest request, ClientIpResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(resolver);
        var peer = request.RemoteEndPoint;
        return resolver.Resolve(peer?.Address, peer?.Port, request.Headers);
    }
}

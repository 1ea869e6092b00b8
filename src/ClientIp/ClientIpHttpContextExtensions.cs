using System;
using System.Net;
using Microsoft.AspNetCore.Http;

namespace ClientIp;

/// <summary>Reads the resolved client address of a request.</summary>
public static class ClientIpHttpContextExtensions
{
    /// <summary>
    /// The client address of the request: the direct peer, or, when the peer is a trusted proxy, the address the
    /// forwarding header says the first trusted proxy saw. Never an address a client wrote into an untrusted position.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>
    /// The client address (IPv4-mapped addresses unmapped), or <see langword="null"/> when the connection has no IP peer.
    /// </returns>
    /// <remarks>
    /// Uses the options registered with <c>AddClientIp</c>, or the defaults (trust loopback, read <c>X-Forwarded-For</c>)
    /// without it. Resolves at most once per request: the result is kept in <see cref="IClientIpFeature"/>, which
    /// <c>UseClientIp()</c> also fills.
    /// </remarks>
    public static IPAddress? GetClientIpAddress(this HttpContext context) => GetClientIpResult(context).Address;

    /// <summary>The full resolution of the request: address, port, why, and the verified proxies.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The result, computed at most once per request.</returns>
    public static ClientIpResult GetClientIpResult(this HttpContext context) => GetOrResolve(context).Result;

    /// <summary>
    /// A rate-limiting partition key for the request's client (see <see cref="ClientIpResult.GetPartitionKey(int)"/>): the
    /// resolved IPv4 address as text, or the client's IPv6 /64 network such as <c>"2001:db8:1:2::/64"</c>; <c>"unknown"</c>
    /// when the request has no IP peer. For <c>RateLimitPartition.GetFixedWindowLimiter(context.GetClientIpPartitionKey(), ...)</c>.
    /// </summary>
    /// <param name="context">The request.</param>
    /// <returns>The key; equal for requests that should share a limit.</returns>
    public static string GetClientIpPartitionKey(this HttpContext context) => GetClientIpResult(context).GetPartitionKey();

    /// <summary>
    /// A rate-limiting partition key for the request's client, grouping IPv6 clients by their first
    /// <paramref name="ipv6PrefixLength"/> bits (see <see cref="ClientIpResult.GetPartitionKey(int)"/>).
    /// </summary>
    /// <param name="context">The request.</param>
    /// <param name="ipv6PrefixLength">How many leading bits of an IPv6 address identify a client: 1 to 128.</param>
    /// <returns>The key; equal for requests that should share a limit.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ipv6PrefixLength"/> is not between 1 and 128.</exception>
    public static string GetClientIpPartitionKey(this HttpContext context, int ipv6PrefixLength) =>
        GetClientIpResult(context).GetPartitionKey(ipv6PrefixLength);

    /// <summary>The header ForwardedHeadersMiddleware writes the peer it replaced into: its evidence.</summary>
    internal const string OriginalForHeader = "X-Original-For";

    /// <summary>The request's resolution: the one already in its features, or a new one stored there.</summary>
    /// <param name="context">The request.</param>
    /// <param name="services">The middleware's services; <see langword="null"/> = those of the request (or the defaults).</param>
    /// <param name="beforeAnyMiddleware">
    /// Called by <see cref="ClientIpStartupFilter"/> ahead of every middleware, so the connection is as it arrived.
    /// Otherwise, an <c>X-Original-For</c> header means ForwardedHeadersMiddleware may already have rewritten it.
    /// </param>
    internal static IClientIpFeature GetOrResolve(HttpContext context, ClientIpServices? services = null, bool beforeAnyMiddleware = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IClientIpFeature>() is { } existing)
        {
            return existing;
        }

        var feature = Resolve(context, services ?? ClientIpServices.From(context.RequestServices), beforeAnyMiddleware);
        context.Features.Set(feature);
        return feature;
    }

    private static IClientIpFeature Resolve(HttpContext context, ClientIpServices services, bool beforeAnyMiddleware)
    {
        if (services.Misconfiguration is { } misconfiguration)
        {
            throw new InvalidOperationException(misconfiguration);
        }

        var connection = context.Connection;
        var remoteAddress = connection.RemoteIpAddress;
        var remotePort = connection.RemotePort;
        var headers = context.Request.Headers;
        var resolver = services.Resolver;
        var result = !beforeAnyMiddleware && headers.ContainsKey(OriginalForHeader)
            ? ClientIpResult.RewrittenByForwardedHeadersMiddleware(remoteAddress, remotePort)
            : resolver.Resolve(remoteAddress, remoteAddress is null ? null : remotePort, headers);
        if (services.Logger is { } logger && (!result.IsConclusive || result.Status == ClientIpStatus.UntrustedPeerSentHeaders))
        {
            services.Diagnostics.Report(logger, context, result, resolver.ForwardedHeader);
        }

        var forwarded = resolver.UseForwardedProto || resolver.UseForwardedHost || resolver.UseForwardedPrefix
            ? ForwardedRequest.Read(resolver, result, headers, services)
            : default;
        return new ClientIpFeature(remoteAddress, remotePort, result, context.Request, forwarded);
    }
}

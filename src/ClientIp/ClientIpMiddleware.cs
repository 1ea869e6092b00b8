using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ClientIp;

/// <summary>
/// Resolves the client once per request and rewrites <c>Connection.RemoteIpAddress</c>/<c>RemotePort</c> to it, so that
/// existing code, rate limiters and logs see the client; the original peer stays in <see cref="IClientIpFeature"/>.
/// </summary>
internal sealed class ClientIpMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ClientIpServices _services;

    public ClientIpMiddleware(RequestDelegate next, ClientIpServices services)
    {
        _next = next;
        _services = services;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var feature = ClientIpHttpContextExtensions.GetOrResolve(context, _services);

        // Also when the peer is the answer: a middleware before this one (ForwardedHeadersMiddleware) may have rewritten the
        // connection after the resolution was taken. Only its own leftover is kept as it is.
        var result = feature.Result;
        if (result.Address is not null && result.Status != ClientIpStatus.ForwardedHeadersMiddlewareRan)
        {
            var connection = context.Connection;
            connection.RemoteIpAddress = result.Address;
            connection.RemotePort = result.Port ?? 0;
        }

        var request = context.Request;
        if (feature.ForwardedScheme is { } scheme)
        {
            request.Scheme = scheme;
        }

        if (feature.ForwardedHost is { } host)
        {
            request.Host = host;
        }

        if (feature.ForwardedPathBase is { } pathBase)
        {
            request.PathBase = pathBase;
        }

        return _next(context);
    }
}

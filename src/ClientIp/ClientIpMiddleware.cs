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

        var result = feature.Result;
        if (result.IsFromHeader || (result.Address is not null && !ReferenceEquals(result.Address, feature.OriginalRemoteIpAddress)))
        {
            var connection = context.Connection;
            connection.RemoteIpAddress = result.Address;
            connection.RemotePort = result.Port ?? 0;
        }

        return _next(context);
    }
}

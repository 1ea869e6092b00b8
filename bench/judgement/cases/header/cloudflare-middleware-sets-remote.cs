// "Cloudflare support": copies CF-Connecting-IP into the connection for every request, whoever sent it.
using System.Net;
using Microsoft.Extensions.Primitives;

public class CloudflareMiddleware
{
    private readonly RequestDelegate _next;

    public CloudflareMiddleware(RequestDelegate next) => _next = next;

    public Task Invoke(HttpContext context)
    {
        if ({|CIP0002:context.Request.Headers.TryGetValue("CF-Connecting-IP", out StringValues connectingIp)|} && IPAddress.TryParse(connectingIp, out var address))
        {
            context.Connection.RemoteIpAddress = address;
        }

        return _next(context);
    }
}

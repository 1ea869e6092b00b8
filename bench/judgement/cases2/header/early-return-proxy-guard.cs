// Cloudflare middleware: returns early unless the peer is in Cloudflare's ranges (a Proxy-named check), then trusts CF-Connecting-IP. Quiet.
using System.Net;

public sealed class CloudflareClientMiddleware
{
    private static readonly IPNetwork[] CloudflareRanges =
    {
        IPNetwork.Parse("173.245.48.0/20"),
        IPNetwork.Parse("103.21.244.0/22"),
        IPNetwork.Parse("2606:4700::/32"),
    };

    private readonly RequestDelegate _next;

    public CloudflareClientMiddleware(RequestDelegate next) => _next = next;

    private static bool IsCloudflareProxy(IPAddress? peer) =>
        peer is not null && CloudflareRanges.Any(range => range.Contains(peer));

    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsCloudflareProxy(context.Connection.RemoteIpAddress))
        {
            await _next(context);
            return;
        }

        if (IPAddress.TryParse(context.Request.Headers["CF-Connecting-IP"].ToString(), out var visitor))
        {
            context.Connection.RemoteIpAddress = visitor;
        }

        await _next(context);
    }
}

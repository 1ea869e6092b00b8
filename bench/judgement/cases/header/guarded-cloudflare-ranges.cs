// CF-Connecting-IP is believed only from Cloudflare's own ranges.
using System.Net;

public class CloudflareClientIp
{
    private static readonly IPNetwork[] CloudflareRanges = { IPNetwork.Parse("173.245.48.0/20"), IPNetwork.Parse("103.21.244.0/22") };

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is not null && CloudflareRanges.Any(range => range.Contains(peer)) &&
            IPAddress.TryParse(context.Request.Headers["CF-Connecting-IP"].ToString(), out var client))
        {
            context.Connection.RemoteIpAddress = client;
        }

        await next(context);
    }
}

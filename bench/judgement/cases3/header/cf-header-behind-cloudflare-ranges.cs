// Believes CF-Connecting-IP only when the direct peer lies in Cloudflare's published ranges, otherwise uses the peer; that is a trusted-proxy check. Quiet.
using System.Net;

public sealed class CloudflareVisitorAddress
{
    private static readonly System.Net.IPNetwork[] CloudflareRanges =
    {
        System.Net.IPNetwork.Parse("173.245.48.0/20"),
        System.Net.IPNetwork.Parse("103.21.244.0/22"),
        System.Net.IPNetwork.Parse("2400:cb00::/32"),
    };

    public IPAddress? Get(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is null || !CloudflareRanges.Any(range => range.Contains(peer)))
        {
            return peer;
        }

        return IPAddress.TryParse(context.Request.Headers["CF-Connecting-IP"].ToString(), out var visitor) ? visitor : peer;
    }
}

// Behind one nginx on the same host: the rightmost entry is the address nginx saw, which is the client.
using System.Net;

public static class SingleProxyClient
{
    public static string? Get(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is not null && IPAddress.IsLoopback(peer))
        {
            var xff = context.Request.Headers["X-Forwarded-For"].ToString();
            if (!string.IsNullOrEmpty(xff))
            {
                return xff.Split(',').Last().Trim();
            }
        }

        return peer?.ToString();
    }
}

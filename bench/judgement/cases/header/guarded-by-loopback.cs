// nginx on the same host sets X-Real-IP; the header is honoured only when nginx (loopback) is the peer.
using System.Net;

public static class ClientIpResolver
{
    public static IPAddress? Resolve(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is not null && IPAddress.IsLoopback(peer) &&
            context.Request.Headers.TryGetValue("X-Real-IP", out var realIp) &&
            IPAddress.TryParse(realIp.ToString(), out var parsed))
        {
            return parsed;
        }

        return peer;
    }
}

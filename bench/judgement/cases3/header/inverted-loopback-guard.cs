// The guard is upside down: a loopback peer is returned as is, and X-Real-IP is believed exactly when the peer is NOT the local proxy, i.e. from anyone connecting directly. CIP0002.
using System.Net;

public static class RequestAddress
{
    public static string? ForAudit(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is null || IPAddress.IsLoopback(peer))
        {
            return peer?.ToString();
        }
        return {|CIP0002:context.Request.Headers["X-Real-IP"]|}.ToString();
    }
}

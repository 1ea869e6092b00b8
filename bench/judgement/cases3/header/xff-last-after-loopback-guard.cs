// Takes the rightmost X-Forwarded-For entry only when the direct peer is the local nginx (loopback), otherwise the peer itself: a hand-written resolver with one trusted hop. Quiet.
using System.Net;

public static class VisitorAddress
{
    public static string? Of(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is not null && IPAddress.IsLoopback(peer))
        {
            var chain = context.Request.Headers["X-Forwarded-For"].ToString();
            if (chain.Length > 0)
            {
                return chain.Split(',').Last().Trim();
            }
        }
        return peer?.ToString();
    }
}

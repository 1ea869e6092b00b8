// Honours X-Forwarded-For only from nginx on the same host, but then takes the entry the client wrote (the admin-takeover shape).
using System.Net;

public static class AdminAccess
{
    public static bool IsAdminNetwork(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        string? client = peer?.ToString();
        if (peer is not null && IPAddress.IsLoopback(peer))
        {
            var xff = context.Request.Headers["X-Forwarded-For"].ToString();
            if (!string.IsNullOrEmpty(xff))
            {
                client = {|CIP0003:xff.Split(',')[0]|}.Trim();
            }
        }

        return client is not null && client.StartsWith("10.", StringComparison.Ordinal);
    }
}

// Admin check trusts X-Forwarded-For only when the peer is the local proxy, but then takes its leftmost entry and compares it with 127.0.0.1: any client going through the proxy can claim to be local. CIP0003 (the guard does not help the leftmost entry).
using System.Net;

public static class AdminGate
{
    public static bool IsLocalAdminRequest(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is null)
        {
            return false;
        }
        if (!IPAddress.IsLoopback(peer))
        {
            return false;
        }

        var forwarded = {|CIP0003#a:context.Request.Headers["X-Forwarded-For"]|}.ToString();
        if (forwarded.Length == 0)
        {
            return true;
        }
        var first = {|CIP0003#a:forwarded.Split(',')[0]|}.Trim();
        return first == "127.0.0.1" || first == "::1";
    }
}

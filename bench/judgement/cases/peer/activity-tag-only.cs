// Tracing: the peer becomes a span attribute.
using System.Diagnostics;

public static class Tracing
{
    public static void Tag(HttpContext context) =>
        Activity.Current?.SetTag("net.peer.ip", context.Connection.RemoteIpAddress?.ToString());
}

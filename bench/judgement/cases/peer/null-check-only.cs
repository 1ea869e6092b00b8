// Only asks whether the connection has an IP peer at all (unix sockets have none).
public static class TransportInfo
{
    public static string Describe(HttpContext context) =>
        context.Connection.RemoteIpAddress is null ? "unix socket" : "tcp";
}

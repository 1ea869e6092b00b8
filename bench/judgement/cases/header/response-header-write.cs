// Echoes the resolved address back to the client in a response header.
using ClientIp;

public static class EchoEndpoint
{
    public static void Echo(HttpContext context) =>
        context.Response.Headers["X-Real-IP"] = context.GetClientIpAddress()?.ToString();
}

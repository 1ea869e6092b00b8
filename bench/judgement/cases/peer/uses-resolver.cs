// Already resolved through the ClientIp library: nothing to report.
using ClientIp;
using System.Net;

public static class AdminEndpoints
{
    public static IResult Index(HttpContext context) =>
        context.GetClientIpAddress() is { } ip && IPAddress.IsLoopback(ip) ? Results.Ok() : Results.NotFound();
}

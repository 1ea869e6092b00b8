// Tries a list of "real IP" headers in order, then the peer.
using Microsoft.Extensions.Primitives;

public static class RealIp
{
    private static readonly string[] CandidateHeaders = { "CF-Connecting-IP", "X-Real-IP", "X-Client-IP" };

    public static string? Get(HttpContext context)
    {
        foreach (var header in CandidateHeaders)
        {
            if ({|CIP0002:context.Request.Headers.TryGetValue(header, out var value)|} && !StringValues.IsNullOrEmpty(value))
            {
                return value.ToString();
            }
        }

        return context.Connection.RemoteIpAddress?.ToString();
    }
}

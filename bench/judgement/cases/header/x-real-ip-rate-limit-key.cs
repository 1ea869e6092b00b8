// Login throttling keyed on X-Real-IP with a fallback to the peer.
using System.Collections.Concurrent;

public class LoginThrottle
{
    private readonly ConcurrentDictionary<string, int> _failures = new();

    public bool IsBlocked(HttpContext context)
    {
        var ip = {|CIP0002:context.Request.Headers["X-Real-IP"]|}.FirstOrDefault() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return _failures.TryGetValue(ip, out var count) && count >= 5;
    }
}

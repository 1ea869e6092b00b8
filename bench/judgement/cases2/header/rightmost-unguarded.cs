// Takes the last X-Forwarded-For entry ("the one our proxy added") as the login-throttle key, but never checks that the peer is that proxy: a direct caller writes the whole header. CIP0002 (not leftmost, so not CIP0003).
// Verdict kept: the peer is only the default the header overrides (the header-else-peer idiom written as assign-then-overwrite), so it is not CIP0001.
using System.Collections.Concurrent;

public static class LoginThrottle
{
    private static readonly ConcurrentDictionary<string, int> Failures = new();

    public static bool IsLocked(HttpContext http)
    {
        var key = http.Connection.RemoteIpAddress?.ToString() ?? "";
        var forwarded = {|CIP0002:http.Request.Headers["X-Forwarded-For"]|}.ToString();
        if (forwarded.Length > 0)
        {
            key = forwarded.Split(',', StringSplitOptions.TrimEntries).Last();
        }

        return Failures.TryGetValue(key, out var count) && count >= 5;
    }
}

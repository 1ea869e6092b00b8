// A generic GetHeader(request, name) helper is called with "X-Real-IP" to key login lockouts; the helper hides the read but the value is still the client's claim. CIP0002 at each call.
public static class RequestHeaderExtensions
{
    public static string? GetHeader(this HttpRequest request, string name) =>
        request.Headers[name].FirstOrDefault();
}

public sealed class LoginLockout
{
    private readonly Dictionary<string, int> _failures = new();

    public bool IsLocked(HttpRequest request)
    {
        var who = {|CIP0002:request.GetHeader("X-Real-IP")|} ?? "unknown";
        return _failures.TryGetValue(who, out var n) && n >= 5;
    }

    public void Fail(HttpRequest request)
    {
        var who = {|CIP0002:request.GetHeader("X-Real-IP")|} ?? "unknown";
        _failures[who] = _failures.TryGetValue(who, out var n) ? n + 1 : 1;
    }
}

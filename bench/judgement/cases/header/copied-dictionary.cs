// Headers copied into a plain dictionary first, then looked up.
public static class RequestSnapshot
{
    public static string? ClientIp(HttpContext context)
    {
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return {|CIP0002:headers.TryGetValue("X-Client-IP", out var ip)|} ? ip : null;
    }
}

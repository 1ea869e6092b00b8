// An `is` pattern that binds the header's value is a use of it.
public static class GeoLookup
{
    public static string Country(HttpContext context, Func<string, string> lookup)
    {
        if ({|CIP0002:context.Request.Headers["X-Real-IP"]|}.ToString() is { Length: > 0 } realIp)
        {
            return lookup(realIp);
        }

        return "unknown";
    }
}

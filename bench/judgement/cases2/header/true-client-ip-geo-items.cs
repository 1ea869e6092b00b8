// Middleware stores Akamai's True-Client-IP in HttpContext.Items for the geo-blocking that runs later; nothing checks that Akamai sent it. CIP0002.
using System.Net;

public sealed class EdgeClientMiddleware
{
    public const string ItemKey = "edge-client";
    private readonly RequestDelegate _next;

    public EdgeClientMiddleware(RequestDelegate next) => _next = next;

    public Task Invoke(HttpContext httpContext)
    {
        string raw = {|CIP0002:httpContext.Request.Headers["True-Client-IP"]|}.ToString();
        if (IPAddress.TryParse(raw, out var client))
        {
            httpContext.Items[ItemKey] = client;
        }

        return _next(httpContext);
    }
}

public static class GeoBlock
{
    private static readonly HashSet<string> BlockedPrefixes = new() { "203.0.113." };

    public static bool IsBlocked(HttpContext context) =>
        context.Items[EdgeClientMiddleware.ItemKey] is IPAddress client &&
        BlockedPrefixes.Any(p => client.ToString().StartsWith(p, StringComparison.Ordinal));
}

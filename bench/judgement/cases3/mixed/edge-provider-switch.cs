// Picks the visitor address by the configured CDN with a switch expression (CF-Connecting-IP, Fastly-Client-IP, else the peer) for a per-visitor download counter; neither header is checked against the CDN's ranges. CIP0002 twice; the peer arm is the fallback.
public enum EdgeProvider { None, Cloudflare, Fastly }

public sealed class VisitorCounter
{
    private readonly EdgeProvider _edge;
    private readonly Dictionary<string, int> _downloads = new();

    public VisitorCounter(IConfiguration configuration) =>
        _edge = configuration.GetValue("Edge:Provider", EdgeProvider.None);

    public int CountDownload(HttpContext context)
    {
        string? visitor = _edge switch
        {
            EdgeProvider.Cloudflare => {|CIP0002:context.Request.Headers["CF-Connecting-IP"]|}.ToString(),
            EdgeProvider.Fastly => {|CIP0002:context.Request.Headers["Fastly-Client-IP"]|}.ToString(),
            _ => context.Connection.RemoteIpAddress?.ToString(),
        };
        visitor ??= "unknown";
        _downloads[visitor] = _downloads.TryGetValue(visitor, out var n) ? n + 1 : 1;
        return _downloads[visitor];
    }
}

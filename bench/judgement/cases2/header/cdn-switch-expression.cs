// A helper picks the header of the configured CDN in a switch and uses it as the rate-limit key; no check that the CDN is the peer, so each header read is CIP0002. The peer arm is the "no proxy" answer (the header-else-peer idiom): not marked.
// Verdict kept: the switch is the app's own proxy handling; its peer arm is the answer when no CDN fronts the app (as the resolver's fallback), so the mistake is reported once, on the header reads, not as CIP0001 on the fallback.
public enum Edge { None, Cloudflare, Fastly }

public sealed class RateLimitKey
{
    private readonly Edge _edge;

    public RateLimitKey(Edge edge) => _edge = edge;

    public string For(HttpContext ctx) => _edge switch
    {
        Edge.Cloudflare => {|CIP0002:ctx.Request.Headers["CF-Connecting-IP"]|}.ToString(),
        Edge.Fastly => {|CIP0002:ctx.Request.Headers["Fastly-Client-IP"]|}.ToString(),
        _ => ctx.Connection.RemoteIpAddress?.ToString() ?? "",
    };
}

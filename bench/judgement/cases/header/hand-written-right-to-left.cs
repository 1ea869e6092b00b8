// A hand-written trusted-proxy walk: right to left over known proxies, the first unknown address is the client.
using System.Net;

public sealed class TrustedProxyResolver
{
    private readonly HashSet<IPAddress> _trusted;

    public TrustedProxyResolver(IEnumerable<IPAddress> trusted) => _trusted = trusted.ToHashSet();

    public IPAddress? Resolve(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is null || !_trusted.Contains(peer))
        {
            return peer;
        }

        var entries = context.Request.Headers["X-Forwarded-For"].ToString().Split(',');
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(entries[i].Trim(), out var hop))
            {
                break;
            }

            if (!_trusted.Contains(hop))
            {
                return hop;
            }
        }

        return peer;
    }
}

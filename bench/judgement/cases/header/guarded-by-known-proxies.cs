// The header counts only when the peer is one of our load balancers.
using System.Net;

public class ProxyAwareClientAddress
{
    private readonly HashSet<IPAddress> _proxies;

    public ProxyAwareClientAddress(IEnumerable<string> proxies) => _proxies = proxies.Select(IPAddress.Parse).ToHashSet();

    public string? Get(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !_proxies.Contains(remote))
        {
            return remote?.ToString();
        }

        var header = context.Request.Headers["X-Client-IP"].ToString();
        return string.IsNullOrEmpty(header) ? remote.ToString() : header;
    }
}

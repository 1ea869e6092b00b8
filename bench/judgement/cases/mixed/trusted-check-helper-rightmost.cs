// Delegates the trust decision to a helper named for it, then takes the entry the proxy appended.
using System.Net;

public class ClientAddress
{
    private readonly IReadOnlyList<IPNetwork> _proxies;

    public ClientAddress(IReadOnlyList<IPNetwork> proxies) => _proxies = proxies;

    private bool IsTrustedProxy(IPAddress? address) => address is not null && _proxies.Any(p => p.Contains(address));

    public string? For(HttpContext context)
    {
        if (IsTrustedProxy(context.Connection.RemoteIpAddress))
        {
            var last = context.Request.Headers["X-Forwarded-For"].ToString().Split(',').LastOrDefault()?.Trim();
            if (!string.IsNullOrEmpty(last))
            {
                return last;
            }
        }

        return context.Connection.RemoteIpAddress?.ToString();
    }
}

// Behind a trusted-proxy check, still takes the first X-Forwarded-For entry (Select(Trim).First()): a trusted proxy appends, so that entry is what the client wrote. CIP0003 despite the guard.
// Verdict kept: Select(Trim) keeps the order, so FirstOrDefault() after it still selects the leftmost, client-written entry.
using System.Net;

public sealed class ClientAddressAccessor
{
    private readonly HashSet<IPAddress> _knownProxies;

    public ClientAddressAccessor(IEnumerable<IPAddress> knownProxies) => _knownProxies = new HashSet<IPAddress>(knownProxies);

    public IPAddress? Get(HttpContext http)
    {
        var peer = http.Connection.RemoteIpAddress;
        if (peer is not null && _knownProxies.Contains(peer))
        {
            var header = http.Request.Headers["X-Forwarded-For"].ToString();
            var candidate = {|CIP0003:header.Split(',').Select(part => part.Trim()).FirstOrDefault()|};
            if (IPAddress.TryParse(candidate, out var client))
            {
                return client;
            }
        }

        return peer;
    }
}

// Service believes X-Real-IP only when the direct peer is one of the configured ingress addresses, otherwise uses the peer. Quiet.
using System.Net;

public sealed class IngressAwareClientAddress
{
    private readonly HashSet<IPAddress> _ingress;

    public IngressAwareClientAddress(IConfiguration configuration)
    {
        _ingress = (configuration.GetSection("Ingress:Addresses").Get<string[]>() ?? Array.Empty<string>())
            .Select(IPAddress.Parse)
            .ToHashSet();
    }

    public IPAddress? Resolve(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        if (peer is not null && _ingress.Contains(peer))
        {
            var realIp = context.Request.Headers["X-Real-IP"].ToString();
            if (IPAddress.TryParse(realIp, out var client))
            {
                return client;
            }
        }
        return peer;
    }
}

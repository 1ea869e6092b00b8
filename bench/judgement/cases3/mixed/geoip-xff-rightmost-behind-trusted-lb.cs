// GeoIP redirect: when the peer is one of the load balancer's addresses (checked with IsTrustedProxy), use the rightmost X-Forwarded-For entry; otherwise the peer. A hand-written resolver for one hop. Quiet.
using System.Net;

public sealed class GeoRedirect
{
    private static readonly IPAddress[] LoadBalancers = { IPAddress.Parse("10.0.5.4"), IPAddress.Parse("10.0.5.5") };

    private static bool IsTrustedProxy(IPAddress? peer) => peer is not null && LoadBalancers.Contains(peer);

    public string RegionFor(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress;
        string? address = peer?.ToString();
        if (IsTrustedProxy(peer))
        {
            var hops = context.Request.Headers.GetCommaSeparatedValues("X-Forwarded-For");
            if (hops.Length > 0)
            {
                address = hops[^1];
            }
        }
        return address is not null && address.StartsWith("85.", StringComparison.Ordinal) ? "eu" : "us";
    }
}

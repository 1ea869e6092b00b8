// Trusts every IPv6 peer.
using Microsoft.AspNetCore.HttpOverrides;

public static class Ipv6Proxies
{
    public static void Apply(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
        options.KnownIPNetworks.Add({|CIP0004:System.Net.IPNetwork.Parse("::/0")|});
    }
}

// Clears the loopback defaults and lists the real proxy instead: fine.
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

public static class ProxySetup
{
    public static void Configure(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.0/8"));
    }
}

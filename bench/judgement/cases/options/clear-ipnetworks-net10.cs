// .NET 10 spelling: KnownIPNetworks.
using Microsoft.AspNetCore.HttpOverrides;

public static class ProxySetup
{
    public static IServiceCollection AddProxySupport(this IServiceCollection services) =>
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.All;
            {|CIP0004:o.KnownIPNetworks.Clear()|};
            o.KnownProxies.Clear();
        });
}

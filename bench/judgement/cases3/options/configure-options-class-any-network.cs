// An IConfigureOptions<ForwardedHeadersOptions> class trusts IPAddress.Any with prefix 0, i.e. the whole IPv4 internet, as a proxy network. CIP0004.
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

public sealed class CloudForwardingSetup : IConfigureOptions<ForwardedHeadersOptions>
{
    public void Configure(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedHost;
        var everywhere = {|CIP0004:new System.Net.IPNetwork(IPAddress.Any, 0)|};
        options.KnownIPNetworks.Add(everywhere);
    }
}

public static class ForwardingRegistration
{
    public static IServiceCollection AddCloudForwarding(this IServiceCollection services) =>
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, CloudForwardingSetup>();
}

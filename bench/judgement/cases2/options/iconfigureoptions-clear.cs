// An IConfigureOptions<ForwardedHeadersOptions> class enables XForwardedFor and empties both trust lists ("works behind the load balancer"): every peer is trusted. CIP0004 at the first Clear.
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

public sealed class ForwardedHeadersSetup : IConfigureOptions<ForwardedHeadersOptions>
{
    public void Configure(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto;
        options.ForwardLimit = 2;
        {|CIP0004:options.KnownIPNetworks.Clear()|};
        options.KnownProxies.Clear();
    }
}

public static class ForwardedHeadersRegistration
{
    public static IServiceCollection AddEdgeForwarding(this IServiceCollection services) =>
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ForwardedHeadersSetup>();
}

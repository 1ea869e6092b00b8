// Cleared lists, but only X-Forwarded-Proto is processed: no client address is taken from anyone.
using Microsoft.AspNetCore.HttpOverrides;

public static class SchemeOnly
{
    public static void Configure(ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedProto;
        options.KnownNetworks.Clear();
        options.KnownProxies.Clear();
    }
}

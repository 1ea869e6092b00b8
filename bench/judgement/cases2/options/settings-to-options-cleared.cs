// The app's own ReverseProxySettings builds a ForwardedHeadersOptions with flags from configuration and both trust lists emptied. CIP0004 (flags unknown, so XForwardedFor may be on).
using Microsoft.AspNetCore.HttpOverrides;

public sealed class ReverseProxySettings
{
    public ForwardedHeaders Headers { get; set; } = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

    public ForwardedHeadersOptions ToOptions()
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = Headers, ForwardLimit = null };
        {|CIP0004:options.KnownProxies.Clear()|};
        options.KnownIPNetworks.Clear();
        return options;
    }
}

public static class ReverseProxyApp
{
    public static void UseReverseProxySettings(this IApplicationBuilder app, ReverseProxySettings settings) =>
        app.UseForwardedHeaders(settings.ToOptions());
}

// UseForwardedHeaders with an options object whose KnownIPNetworks is filled by a collection initializer with the VPC ranges; only KnownProxies is cleared. Quiet.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

var options = new ForwardedHeadersOptions
{
    ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
    KnownIPNetworks =
    {
        System.Net.IPNetwork.Parse("10.10.0.0/16"),
        System.Net.IPNetwork.Parse("fd12:3456::/48"),
    },
};
options.KnownProxies.Clear();
app.UseForwardedHeaders(options);

app.MapGet("/", (HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString());
app.Run();

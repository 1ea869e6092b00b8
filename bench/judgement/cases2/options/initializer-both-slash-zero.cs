// UseForwardedHeaders with a collection initializer that trusts 0.0.0.0/0 and ::/0: every peer may set X-Forwarded-For. CIP0004 on each network.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.UseForwardedHeaders(new ForwardedHeadersOptions
{
    ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
    KnownIPNetworks =
    {
        {|CIP0004:System.Net.IPNetwork.Parse("0.0.0.0/0")|},
        {|CIP0004:System.Net.IPNetwork.Parse("::/0")|},
    },
});

app.MapGet("/", (HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString());
app.Run();

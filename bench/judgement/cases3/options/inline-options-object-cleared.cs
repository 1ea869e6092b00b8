// Builds a ForwardedHeadersOptions local for UseForwardedHeaders, empties both trusted lists "so it works on the cloud load balancer", adds nothing back: every peer may set X-Forwarded-For. CIP0004.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

var forwarding = new ForwardedHeadersOptions
{
    ForwardedHeaders = ForwardedHeaders.All,
    ForwardLimit = 2,
};
{|CIP0004:forwarding.KnownIPNetworks.Clear()|};
forwarding.KnownProxies.Clear();
app.UseForwardedHeaders(forwarding);

app.MapGet("/", (HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString());
app.Run();

// An options object built by hand and cleared before use.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
{|CIP0004:forwarded.KnownProxies.Clear()|};
forwarded.KnownNetworks.Clear();
app.UseForwardedHeaders(forwarded);
app.Run();

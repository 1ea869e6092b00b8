// Trusts every IPv4 peer as a proxy through a /0 network.
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
    options.KnownIPNetworks.Add({|CIP0004:new System.Net.IPNetwork(IPAddress.Any, 0)|});
});
var app = builder.Build();
app.UseForwardedHeaders();
app.Run();

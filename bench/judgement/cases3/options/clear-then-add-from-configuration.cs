// Clears the loopback defaults and refills KnownIPNetworks from the "ReverseProxy:Networks" configuration list in the same lambda: only the configured proxies are trusted. Quiet.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
var proxyNetworks = builder.Configuration.GetSection("ReverseProxy:Networks").Get<string[]>() ?? new[] { "10.0.0.0/16" };

builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownIPNetworks.Clear();
    options.KnownProxies.Clear();
    foreach (var cidr in proxyNetworks)
    {
        options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(cidr));
    }
});

var app = builder.Build();
app.UseForwardedHeaders();
app.MapGet("/", () => "ok");
app.Run();

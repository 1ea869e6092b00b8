// Replaces the default loopback network with the Docker bridge network; KnownProxies (::1) is untouched: only named proxies are trusted. Quiet.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownIPNetworks.Clear();
    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("172.17.0.0/16"));
});

var app = builder.Build();
app.UseForwardedHeaders();
app.MapGet("/", () => "ok");
app.Run();

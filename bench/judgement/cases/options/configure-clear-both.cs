// The common "make it work behind the load balancer" snippet.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    {|CIP0004:options.KnownNetworks.Clear()|};
    options.KnownProxies.Clear();
});

var app = builder.Build();
app.UseForwardedHeaders();
app.MapGet("/", () => "ok");
app.Run();

// Outside Development, the options trust every peer (both lists cleared in the else branch). CIP0004 at the first Clear.
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
var isDevelopment = builder.Environment.IsDevelopment();
builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    o.ForwardedHeaders = ForwardedHeaders.All;
    if (isDevelopment)
    {
        o.KnownProxies.Add(IPAddress.Parse("127.0.0.1"));
    }
    else
    {
        {|CIP0004:o.KnownNetworks.Clear()|};
        o.KnownProxies.Clear();
    }
});

var app = builder.Build();
app.UseForwardedHeaders();
app.MapGet("/", () => "ok");
app.Run();

// TLS is terminated by the platform: only X-Forwarded-Proto is processed, so emptying the trusted lists cannot let anyone choose the client address. Quiet.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    o.ForwardedHeaders = ForwardedHeaders.XForwardedProto;
    o.KnownIPNetworks.Clear();
    o.KnownProxies.Clear();
});

var app = builder.Build();
app.UseForwardedHeaders();
app.UseHttpsRedirection();
app.MapGet("/", (HttpContext ctx) => ctx.Request.Scheme);
app.Run();

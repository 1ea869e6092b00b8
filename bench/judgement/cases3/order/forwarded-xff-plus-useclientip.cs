// The app configures ASP.NET Core's forwarded headers for X-Forwarded-For and also adds UseClientIp: two middlewares rewriting the client address, the second verifying what the first already consumed. CIP0005 at UseClientIp.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    options.KnownProxies.Add(System.Net.IPAddress.Parse("10.1.0.10"));
});
builder.Services.AddClientIp();

var app = builder.Build();
app.UseForwardedHeaders();
{|CIP0005:app.UseClientIp()|};
app.MapGet("/", () => "ok");
app.Run();

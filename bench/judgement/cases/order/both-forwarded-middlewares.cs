// Both middlewares: ForwardedHeadersMiddleware rewrites the peer that UseClientIp must then verify.
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp();
var app = builder.Build();
app.{|CIP0005#a:UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor })|};
app.{|CIP0005#a:UseClientIp()|};
app.MapGet("/", () => "ok");
app.Run();

// One Program.cs: forwarded headers that trust everyone (CIP0004), applied after the rate limiter (CIP0005); the limiter's peer key is then the proxy, covered by the CIP0005 report (the project configures XForwardedFor, so no CIP0001).
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ForwardedHeadersOptions>(options =>
{
    options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    {|CIP0004:options.KnownNetworks.Clear()|};
    options.KnownProxies.Clear();
});
builder.Services.AddRateLimiter(o => o.AddPolicy("per-ip", http =>
    RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "?",
        _ => new FixedWindowRateLimiterOptions { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) })));

var app = builder.Build();
app.UseRateLimiter();
app.{|CIP0005:UseForwardedHeaders()|};
app.MapGet("/search", (string q) => Results.Ok(q)).RequireRateLimiting("per-ip");
app.Run();

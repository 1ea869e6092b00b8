// The global rate limiter (partitioned by RemoteIpAddress) is registered before UseClientIp, so it still sees the proxy's address and throttles everyone together. CIP0005.
using System.Threading.RateLimiting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp(builder.Configuration.GetSection("ClientIp"));
builder.Services.AddRateLimiter(o =>
{
    o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
        RateLimitPartition.GetFixedWindowLimiter(
            ctx.Connection.RemoteIpAddress?.ToString() ?? "none",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 100, Window = TimeSpan.FromMinutes(1) }));
});

var app = builder.Build();
app.UseRateLimiter();
{|CIP0005:app.UseClientIp()|};
app.MapGet("/", () => "ok");
app.Run();

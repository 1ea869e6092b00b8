// nginx on the same host sets X-Real-IP; the rate-limit key believes it only when the peer is loopback, else uses the peer: what the resolver does by default. Quiet.
// Verdict kept: IsLoopback(peer) here is the trusted-proxy check (the resolver trusts loopback by default), so the guarded X-Real-IP read is not CIP0002, and the peer used for the check and in the else arm is the resolver's own logic, not CIP0001.
using System.Net;
using System.Threading.RateLimiting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRateLimiter(limiter =>
{
    limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
    {
        var peer = http.Connection.RemoteIpAddress ?? IPAddress.None;
        var key = IPAddress.IsLoopback(peer)
            ? http.Request.Headers["X-Real-IP"].ToString()
            : peer.ToString();
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 20,
            TokensPerPeriod = 5,
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
        });
    });
});

var app = builder.Build();
app.UseRateLimiter();
app.MapGet("/", () => "hello");
app.Run();

// The rate limiter runs before UseClientIp, so it partitions on the proxy.
using System.Threading.RateLimiting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddClientIp();
builder.Services.AddRateLimiter(o => o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(c =>
    RateLimitPartition.GetNoLimiter("all")));
var app = builder.Build();
app.UseRateLimiter();
app.{|CIP0005:UseClientIp()|};
app.Run();

// A rate-limiter policy class partitions by the IPAddress of the peer: one sliding window for every user behind the load balancer. CIP0001.
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

public sealed class PerAddressPolicy : IRateLimiterPolicy<IPAddress>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (ctx, _) =>
    {
        ctx.HttpContext.Response.Headers.RetryAfter = "30";
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<IPAddress> GetPartition(HttpContext httpContext) =>
        RateLimitPartition.GetSlidingWindowLimiter(
            {|CIP0001:httpContext.Connection.RemoteIpAddress|} ?? IPAddress.None,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = 60,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
            });
}

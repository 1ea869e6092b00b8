// Custom IRateLimiterPolicy partitions by X-Real-IP (falling back to a constant key); a client rotating the header gets a fresh bucket per request. CIP0002.
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

public sealed class PerVisitorPolicy : IRateLimiterPolicy<string>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (ctx, _) =>
    {
        ctx.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return ValueTask.CompletedTask;
    };

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        string visitor = {|CIP0002:httpContext.Request.Headers["X-Real-IP"]|}.ToString();
        if (visitor.Length == 0)
        {
            visitor = "anonymous";
        }

        return RateLimitPartition.GetSlidingWindowLimiter(visitor, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = 60,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
        });
    }
}

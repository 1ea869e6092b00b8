// The forwarded addresses go into the log scope only.
public class CorrelationMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<CorrelationMiddleware> _logger;

    public CorrelationMiddleware(RequestDelegate next, ILogger<CorrelationMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var state = new List<KeyValuePair<string, object?>>
        {
            new("ForwardedFor", context.Request.Headers["X-Forwarded-For"].ToString()),
            new("RealIp", context.Request.Headers["X-Real-IP"].ToString()),
        };
        using (_logger.BeginScope(state))
        {
            await _next(context);
        }
    }
}

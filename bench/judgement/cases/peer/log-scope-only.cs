// The peer goes into a logging scope and nowhere else.
public class ScopeMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<ScopeMiddleware> _logger;

    public ScopeMiddleware(RequestDelegate next, ILogger<ScopeMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        using (_logger.BeginScope(new Dictionary<string, object?> { ["Peer"] = context.Connection.RemoteIpAddress?.ToString() }))
        {
            await _next(context);
        }
    }
}

// Exception-logging middleware adds the peer address to a log scope and to the error log line; it makes no decision with it. Quiet (logging only).
public sealed class ErrorEnrichmentMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<ErrorEnrichmentMiddleware> _logger;

    public ErrorEnrichmentMiddleware(RequestDelegate next, ILogger<ErrorEnrichmentMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var scope = new Dictionary<string, object?>
        {
            ["TraceId"] = context.TraceIdentifier,
            ["RemoteIp"] = context.Connection.RemoteIpAddress?.ToString(),
        };
        using (_logger.BeginScope(scope))
        {
            try
            {
                await _next(context);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "Unhandled error for {Path} from {Remote}", context.Request.Path, context.Connection.RemoteIpAddress);
                throw;
            }
        }
    }
}

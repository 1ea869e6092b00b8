// Request logging middleware: the peer only reaches the log.
public class RequestLoggingMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<RequestLoggingMiddleware> _logger;

    public RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        _logger.LogInformation("{Method} {Path} from {Peer}", context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress);
        await _next(context);
    }
}

// Diagnostics middleware logs the raw forwarding headers next to the peer to debug the proxy setup; values only reach the logger. Quiet.
public sealed class ProxyDebugMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ILogger<ProxyDebugMiddleware> _logger;

    public ProxyDebugMiddleware(RequestDelegate next, ILogger<ProxyDebugMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        LogForwarding(
            _logger,
            context.Request.Headers["X-Forwarded-For"].ToString(),
            context.Request.Headers["X-Real-IP"].ToString(),
            context.Connection.RemoteIpAddress?.ToString(),
            null);
        return _next(context);
    }

    private static readonly Action<ILogger, string, string, string?, Exception?> LogForwarding =
        LoggerMessage.Define<string, string, string?>(LogLevel.Debug, new EventId(40, "Forwarding"), "XFF={Xff} XRealIP={RealIp} Peer={Peer}");
}

// The peer only goes into a LoggerMessage.Define delegate (a log line), nothing is decided on it. Quiet.
// Verdict kept: a LoggerMessage.Define delegate is a log call (the high-performance logging pattern); nothing is decided on the peer.
using System.Net;

public sealed class RequestTimingMiddleware
{
    private static readonly Action<ILogger, string, IPAddress?, long, Exception?> LogSlow =
        LoggerMessage.Define<string, IPAddress?, long>(LogLevel.Warning, new EventId(17, "Slow"),
            "Slow request {Path} from {Peer}: {Elapsed} ms");

    private readonly RequestDelegate _next;
    private readonly ILogger<RequestTimingMiddleware> _logger;

    public RequestTimingMiddleware(RequestDelegate next, ILogger<RequestTimingMiddleware> logger)
    {
        _next = next;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Environment.TickCount64;
        await _next(context);
        var elapsed = Environment.TickCount64 - started;
        if (elapsed > 500)
        {
            LogSlow(_logger, context.Request.Path, context.Connection.RemoteIpAddress, elapsed, null);
        }
    }
}

// Request-logging middleware records the address the client claims (leftmost X-Forwarded-For) only in a structured log line. Quiet (logging only).
public sealed class ClaimedOriginLogging
{
    private readonly RequestDelegate _next;
    private readonly ILogger<ClaimedOriginLogging> _log;

    public ClaimedOriginLogging(RequestDelegate next, ILogger<ClaimedOriginLogging> log)
    {
        _next = next;
        _log = log;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var claimed = context.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim();
        await _next(context);
        _log.LogInformation("{Method} {Path} -> {Status} (claimed origin {Claimed})",
            context.Request.Method, context.Request.Path, context.Response.StatusCode, claimed);
    }
}

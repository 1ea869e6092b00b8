// Rejects requests whose X-Forwarded-For lists too many hops: the entries are counted, none is taken as the client. Quiet.
// Verdict kept: only the number of entries is used (like a presence check); no entry becomes the client, and a client that inflates the list only rejects itself.
public sealed class HopLimitMiddleware
{
    private const int MaxHops = 8;
    private readonly RequestDelegate _next;

    public HopLimitMiddleware(RequestDelegate next) => _next = next;

    public async Task InvokeAsync(HttpContext context)
    {
        var hops = context.Request.Headers["X-Forwarded-For"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Length;
        if (hops > MaxHops)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("too many proxies");
            return;
        }

        await _next(context);
    }
}

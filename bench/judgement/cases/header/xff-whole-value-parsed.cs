// The whole X-Forwarded-For value parsed as one address, then an allow-list decision.
using System.Net;

public sealed class ApiKeyIpBinding
{
    private readonly HashSet<IPAddress> _bound = new();

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        IPAddress client = ctx.Connection.RemoteIpAddress!;
        if ({|CIP0002:ctx.Request.Headers.TryGetValue("X-Forwarded-For", out var forwarded)|} && !string.IsNullOrEmpty(forwarded))
        {
            if (IPAddress.TryParse(forwarded, out var parsed))
            {
                client = parsed;
            }
        }

        if (!_bound.Contains(client))
        {
            ctx.Response.StatusCode = 403;
            return;
        }

        await next(ctx);
    }
}

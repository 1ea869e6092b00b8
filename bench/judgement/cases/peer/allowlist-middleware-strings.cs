// An allow-list middleware comparing the peer's text with configured addresses.
using System.Net;

public class IpAllowListMiddleware
{
    private readonly RequestDelegate _next;
    private readonly HashSet<string> _allowed;

    public IpAllowListMiddleware(RequestDelegate next, IConfiguration configuration)
    {
        _next = next;
        _allowed = new HashSet<string>(configuration.GetSection("Security:AllowedIps").Get<string[]>() ?? Array.Empty<string>());
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var remoteIp = {|CIP0001:context.Connection.RemoteIpAddress|}?.ToString();
        if (string.IsNullOrEmpty(remoteIp) || !_allowed.Contains(remoteIp))
        {
            context.Response.StatusCode = (int)HttpStatusCode.Forbidden;
            await context.Response.WriteAsync("Forbidden");
            return;
        }

        await _next(context);
    }
}

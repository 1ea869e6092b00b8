// Picks the tenant by the local port/address the request arrived on and echoes connection ids: nothing about the remote address. Quiet.
public sealed class TenantByListenerMiddleware
{
    private static readonly Dictionary<int, string> TenantsByPort = new() { [5001] = "north", [5002] = "south" };
    private readonly RequestDelegate _next;

    public TenantByListenerMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        var port = context.Connection.LocalPort;
        context.Items["tenant"] = TenantsByPort.TryGetValue(port, out var tenant) ? tenant : "default";
        context.Response.Headers["X-Connection-Id"] = context.Connection.Id;
        context.Response.Headers["X-Served-By"] = context.Connection.LocalIpAddress?.ToString();
        if (context.Connection.RemotePort == 0)
        {
            context.Items["transport"] = "non-tcp";
        }

        return _next(context);
    }
}

// Split with RemoveEmptyEntries, then the first entry, for a per-IP download quota.
public class QuotaMiddleware
{
    private readonly RequestDelegate _next;
    private readonly Dictionary<string, long> _bytes = new();

    public QuotaMiddleware(RequestDelegate next) => _next = next;

    public Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers["X-Forwarded-For"].ToString();
        var ips = header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var client = ips.Length > 0 ? {|CIP0003:ips[0]|} : context.Connection.RemoteIpAddress?.ToString() ?? "";
        _bytes[client] = _bytes.GetValueOrDefault(client);
        return _next(context);
    }
}

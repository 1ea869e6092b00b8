// A throttle keyed on the connection feature's remote address.
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.Features;

public class ThrottleMiddleware
{
    private static readonly ConcurrentDictionary<string, int> Hits = new();
    private readonly RequestDelegate _next;

    public ThrottleMiddleware(RequestDelegate next) => _next = next;

    public Task Invoke(HttpContext context)
    {
        var feature = context.Features.Get<IHttpConnectionFeature>();
        var key = {|CIP0001:feature?.RemoteIpAddress|}?.ToString() ?? "none";
        if (Hits.AddOrUpdate(key, 1, (_, n) => n + 1) > 1000)
        {
            context.Response.StatusCode = 429;
            return Task.CompletedTask;
        }

        return _next(context);
    }
}

// An endpoint filter counts downloads per address through IHttpConnectionFeature and refuses after ten: the proxy's address hits the cap for everyone. CIP0001.
// Verdict kept: 'is IPAddress address' binds the value and uses it as the quota key; it is not a null check.
using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http.Features;

public sealed class DownloadQuotaFilter : IEndpointFilter
{
    private static readonly ConcurrentDictionary<IPAddress, int> Downloads = new();

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var connection = context.HttpContext.Features.Get<IHttpConnectionFeature>();
        if ({|CIP0001:connection?.RemoteIpAddress|} is IPAddress address &&
            Downloads.AddOrUpdate(address, 1, (_, n) => n + 1) > 10)
        {
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        return await next(context);
    }
}

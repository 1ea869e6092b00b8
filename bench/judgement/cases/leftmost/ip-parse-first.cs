// Parses the leftmost entry as an IPAddress for an allow-list.
using System.Net;

public class PartnerApiFilter : IEndpointFilter
{
    private static readonly HashSet<IPAddress> Partners = new() { IPAddress.Parse("198.51.100.10") };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers["X-Forwarded-For"].ToString();
        if (!IPAddress.TryParse({|CIP0003:header.Split(',').First()|}.Trim(), out var caller) || !Partners.Contains(caller))
        {
            return Results.Forbid();
        }

        return await next(context);
    }
}
